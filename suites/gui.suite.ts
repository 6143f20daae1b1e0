import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { Distro } from "../harness/distro.ts";
import { encodePng } from "./lib/png.ts";
import { distinctPixels, parseXwd } from "./lib/xwd.ts";
import { x11Tools } from "./lib/x11-tools.ts";
import { describe, expect, test } from "./lib/nwh-test.ts";

/** DISPLAY and WAYLAND_DISPLAY as a program launched in the distro sees them (WSL sets both for every process). */
async function displays(distro: Distro): Promise<{ display: string; wayland: string; runtimeDir: string }> {
  const out = await distro.succeed(["sh", "-c", 'printf "%s\\n%s\\n%s\\n" "$DISPLAY" "$WAYLAND_DISPLAY" "$(id -u)"']);
  const [display = "", wayland = "", uid = ""] = out.split("\n");
  return { display, wayland, runtimeDir: `/run/user/${uid}` };
}

/** Connects to X0 with what a default NixOS has (perl), or python3; exit 127 when neither is there. */
const CONNECT_X0 = [
  "if command -v python3 >/dev/null; then exec python3 -c 'import socket; socket.socket(socket.AF_UNIX).connect(\"/tmp/.X11-unix/X0\")'; fi",
  "if command -v perl >/dev/null; then exec perl -MIO::Socket::UNIX -e 'IO::Socket::UNIX->new(Peer => \"/tmp/.X11-unix/X0\") or die \"connect /tmp/.X11-unix/X0: $!\\n\"'; fi",
  "exit 127",
].join("\n");

/** /tmp/.X11-unix a real directory and X0 a socket in it, neither a symlink; says which on stderr. */
const LAYOUT_CHECK = [
  "if test -L /tmp/.X11-unix; then echo \"/tmp/.X11-unix is a symlink to $(readlink /tmp/.X11-unix), not a directory\" >&2; exit 1; fi",
  "test -d /tmp/.X11-unix || { echo '/tmp/.X11-unix is not a directory' >&2; exit 1; }",
  "if test -L /tmp/.X11-unix/X0; then echo \"/tmp/.X11-unix/X0 is a symlink to $(readlink /tmp/.X11-unix/X0)\" >&2; exit 1; fi",
  "test -S /tmp/.X11-unix/X0 || { echo '/tmp/.X11-unix/X0 is not a socket' >&2; exit 1; }",
].join("\n");

describe("gui (WSLg)", () => {
  test("DISPLAY and WAYLAND_DISPLAY are set", async ({ distro, requires }) => {
    requires("gui");
    const { display, wayland, runtimeDir } = await displays(distro);
    expect(display, "DISPLAY").toMatch(/^:\d+/);
    expect(wayland, "WAYLAND_DISPLAY").toMatch(/^wayland-\d+$|^\//);
    // WSL sets both for every process; what NixOS-WSL must provide is a socket behind each (a name alone proves nothing).
    const x11 = `/tmp/.X11-unix/X${/^:(\d+)/.exec(display)?.[1]}`;
    const waylandSocket = wayland.startsWith("/") ? wayland : `${runtimeDir}/${wayland}`;
    for (const [variable, value, socket] of [["DISPLAY", display, x11], ["WAYLAND_DISPLAY", wayland, waylandSocket]] as const) {
      await distro.waitForFile(socket).catch((e: Error) => expect.fail(`${variable}=${value}, but its socket ${socket} never appeared: ${e.message.split("\n")[0]}`));
      const isSocket = await distro.execute(["test", "-S", socket]);
      expect(isSocket.exitCode, `${variable}=${value}: ${socket} is not a socket`).toBe(0);
    }
  });

  test("the X11 socket /tmp/.X11-unix/X0 accepts connections", async ({ distro, machine, requires, skip }) => {
    requires("gui");
    await distro.waitForFile("/tmp/.X11-unix/X0");
    // `test -S` follows symlinks: a /tmp/.X11-unix symlink (NixOS-WSL#427, #432) would pass it.
    const layout = await distro.execute(["sh", "-c", LAYOUT_CHECK]);
    expect(layout.exitCode, `X11 socket layout: ${layout.stderr.trim()}`).toBe(0);
    // Connecting is what matters: a stale socket file exists but refuses.
    let probe = await distro.execute(["sh", "-c", CONNECT_X0]);
    if (probe.exitCode === 127) {
      const { xdpyinfo } = await x11Tools(distro, machine.capabilities, skip, "xdpyinfo");
      probe = await distro.execute([xdpyinfo, "-display", ":0"]);
    }
    expect(probe.exitCode, `connecting to /tmp/.X11-unix/X0: ${probe.stderr.trim()}`).toBe(0);
  });

  test("/tmp/.X11-unix/X0 is a bind mount of WSLg's socket, not a copy or a symlink", async ({ distro, requires }) => {
    // The stand-in's X server makes its socket in place: only WSLg has a socket of its own to bind in.
    requires("wslg");
    await distro.waitForFile("/tmp/.X11-unix/X0");
    const link = await distro.execute(["sh", "-c", "test -L /tmp/.X11-unix && readlink /tmp/.X11-unix"]);
    expect(link.exitCode, `/tmp/.X11-unix is a symlink to ${link.stdout.trim()} (NixOS-WSL#427, #432)`).not.toBe(0);
    // NixOS-WSL's mount unit binds /mnt/wslg/.X11-unix/X0 there (modules/wsl-distro.nix).
    const mount = await distro.execute(["findmnt", "--noheadings", "--output", "TARGET,SOURCE,FSTYPE", "--mountpoint", "/tmp/.X11-unix/X0"]);
    expect(mount.exitCode, "/tmp/.X11-unix/X0 is no mount point: a socket or a copy of its own, not WSLg's X0 bound in").toBe(0);
  });

  test("the Wayland socket /run/user/$UID/wayland-0 exists", async ({ distro, requires }) => {
    requires("gui");
    const uid = (await distro.succeed(["id", "-u"])).trim();
    await distro.waitForFile(`/run/user/${uid}/wayland-0`);
    await distro.succeed(["test", "-S", `/run/user/${uid}/wayland-0`]);
  });

  test("xdpyinfo answers on DISPLAY", async ({ distro, machine, requires, skip }) => {
    requires("gui");
    const { xdpyinfo } = await x11Tools(distro, machine.capabilities, skip, "xdpyinfo");
    const { display } = await displays(distro);
    expect(display, "DISPLAY (WSLg sets it for every process)").toMatch(/^:\d+/);
    const info = await distro.execute([xdpyinfo], { env: { DISPLAY: display } });
    expect(info.exitCode, `xdpyinfo on DISPLAY=${display}: ${info.stderr.replace(/\s+/g, " ").trim()}`).toBe(0);
    expect(info.stdout).toMatch(/number of screens:\s+\d+/);
  });

  test("an X client's window shows up in xwininfo -root -tree and the screen capture is not blank", async ({ distro, machine, requires, skip, attach, attachments }) => {
    requires("gui", "systemd");
    const tools = await x11Tools(distro, machine.capabilities, skip, "xlogo", "xwininfo", "xwd");
    const { display } = await displays(distro);
    const user = (await distro.succeed(["id", "-un"])).trim();
    const token = randomBytes(3).toString("hex");
    const title = `nwh-xlogo-${token}`;
    const unit = `nwh-xclient-${token}`;
    await distro.succeed(["systemd-run", `--unit=${unit}`, "--collect", "-p", `User=${user}`, "-E", `DISPLAY=${display}`, tools.xlogo, "-title", title, "-geometry", "300x300+10+10"], { user: "root" });
    try {
      await distro.waitUntilSucceeds(["sh", "-c", '"$3" -root -tree -display "$2" | grep -F -- "$1"', "find-window", title, display, tools.xwininfo]);
      const capture = `/var/tmp/nwh-capture-${token}.xwd`;
      await distro.succeed(["sh", "-c", '"$3" -root -silent -display "$1" > "$2"', "capture", display, capture, tools.xwd]);
      const hostCopy = await attach(capture, "root-window.xwd");
      const image = parseXwd(await readFile(hostCopy));
      const png = hostCopy.replace(/\.xwd$/, ".png");
      await writeFile(png, encodePng(image));
      attachments.push({ name: "root-window.png", path: png });
      const colours = distinctPixels(image);
      distro.transcript.note(`capture ${image.width}x${image.height}: ${colours} distinct pixel values`);
      expect(colours, "distinct pixel values in the root window capture (1 = blank)").toBeGreaterThan(1);
      await distro.execute(["rm", "-f", capture]);
    } finally {
      await distro.systemctl(["stop", unit]);
    }
  });

  test("WSLg's weston.log is attached and weston did not restart", async ({ distro, requires, attach }) => {
    requires("wslg");
    const hostCopy = await attach("/mnt/wslg/weston.log", "weston.log");
    const log = await readFile(hostCopy, "utf8");
    const starts = [...log.matchAll(/\bweston \d+\.\d+\.\d+/g)].length;
    distro.transcript.note(`weston.log: ${starts} start(s)`);
    expect(starts, "weston start lines in weston.log (1 = no restart since WSLg came up)").toBe(1);
  });
});
