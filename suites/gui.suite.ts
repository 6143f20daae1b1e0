import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { Distro } from "../harness/distro.ts";
import { encodePng } from "./lib/png.ts";
import { distinctPixels, parseXwd } from "./lib/xwd.ts";
import { describe, expect, test } from "./lib/nwh-test.ts";

/** DISPLAY and WAYLAND_DISPLAY as a program launched in the distro sees them (WSL sets both for every process). */
async function displays(distro: Distro): Promise<{ display: string; wayland: string; runtimeDir: string }> {
  const out = await distro.succeed(["sh", "-c", 'printf "%s\\n%s\\n%s\\n" "$DISPLAY" "$WAYLAND_DISPLAY" "$(id -u)"']);
  const [display = "", wayland = "", uid = ""] = out.split("\n");
  return { display, wayland, runtimeDir: `/run/user/${uid}` };
}

async function needCommand(distro: Distro, skip: (note: string) => never, ...commands: string[]): Promise<void> {
  for (const command of commands) {
    const found = await distro.execute(["sh", "-c", 'command -v "$1"', "probe", command]);
    if (found.exitCode !== 0) skip(`needs ${command} in the distro (install x11-utils/x11-apps or their Nix equivalents)`);
  }
}

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

  test("the X11 socket /tmp/.X11-unix/X0 accepts connections", async ({ distro, machine, requires }) => {
    requires("gui");
    await distro.waitForFile("/tmp/.X11-unix/X0");
    // `test -S` follows symlinks: a /tmp/.X11-unix symlink (NixOS-WSL#427, #432) would pass it.
    const layout = await distro.execute(["sh", "-c", LAYOUT_CHECK]);
    expect(layout.exitCode, `X11 socket layout: ${layout.stderr.trim()}`).toBe(0);
    // On WSLg, NixOS-WSL bind-mounts WSLg's X0 (the stand-in's Xvfb makes its socket in place).
    if (machine.capabilities.has("wslg")) await distro.succeed(["findmnt", "--noheadings", "/tmp/.X11-unix/X0"]);
    // Connecting is what matters: a stale socket file exists but refuses.
    const probe = await distro.execute(["sh", "-c", "command -v python3 >/dev/null && python3 -c 'import socket; socket.socket(socket.AF_UNIX).connect(\"/tmp/.X11-unix/X0\")' || xdpyinfo -display :0 >/dev/null"]);
    expect(probe.exitCode, probe.stderr).toBe(0);
  });

  test("the Wayland socket /run/user/$UID/wayland-0 exists", async ({ distro, requires }) => {
    requires("gui");
    const uid = (await distro.succeed(["id", "-u"])).trim();
    await distro.waitForFile(`/run/user/${uid}/wayland-0`);
    await distro.succeed(["test", "-S", `/run/user/${uid}/wayland-0`]);
  });

  test("xdpyinfo answers on DISPLAY", async ({ distro, requires, skip }) => {
    requires("gui");
    await needCommand(distro, skip, "xdpyinfo");
    const { display } = await displays(distro);
    expect(display, "DISPLAY (WSLg sets it for every process)").toMatch(/^:\d+/);
    const info = await distro.execute(["xdpyinfo"], { env: { DISPLAY: display } });
    expect(info.exitCode, `xdpyinfo on DISPLAY=${display}: ${info.stderr.replace(/\s+/g, " ").trim()}`).toBe(0);
    expect(info.stdout).toMatch(/number of screens:\s+\d+/);
  });

  test("an X client's window shows up in xwininfo -root -tree and the screen capture is not blank", async ({ distro, requires, skip, attach, attachments }) => {
    requires("gui", "systemd");
    await needCommand(distro, skip, "xlogo", "xwininfo", "xwd");
    const { display } = await displays(distro);
    const user = (await distro.succeed(["id", "-un"])).trim();
    const token = randomBytes(3).toString("hex");
    const title = `nwh-xlogo-${token}`;
    const unit = `nwh-xclient-${token}`;
    await distro.succeed(["systemd-run", `--unit=${unit}`, "--collect", "-p", `User=${user}`, "-E", `DISPLAY=${display}`, "xlogo", "-title", title, "-geometry", "300x300+10+10"], { user: "root" });
    try {
      await distro.waitUntilSucceeds(["sh", "-c", 'xwininfo -root -tree -display "$2" | grep -F -- "$1"', "find-window", title, display]);
      const capture = `/var/tmp/nwh-capture-${token}.xwd`;
      await distro.succeed(["sh", "-c", 'xwd -root -silent -display "$1" > "$2"', "capture", display, capture]);
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
