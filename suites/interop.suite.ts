import { randomBytes } from "node:crypto";
import path from "node:path";
import { NIXOS_FIXTURES_DIR } from "../harness/distro.ts";
import { describe, expect, test } from "./lib/nwh-test.ts";

// Nested wsl.exe calls name programs by absolute path: `--exec NAME` searches WSL's PATH, where NixOS-WSL has only
// /bin and /usr/bin/env (nix-community/NixOS-WSL#284).
describe("interop (Windows host)", () => {
  test("cmd.exe /c echo prints its output inside the distro", async ({ distro, requires }) => {
    requires("windows-host");
    const out = await distro.succeed(["cmd.exe", "/c", "echo nwh-ok"]);
    expect(out.replace(/\r/g, "").trim()).toBe("nwh-ok");
  });

  test("exit codes cross the boundary both ways: cmd.exe /c exit 3 gives 3, and wsl.exe returns the Linux exit code", async ({ distro, requires }) => {
    requires("windows-host");
    expect((await distro.execute(["cmd.exe", "/c", "exit 3"])).exitCode).toBe(3);
    expect((await distro.execute(["cmd.exe", "/c", "exit 0"])).exitCode).toBe(0);
    // Windows -> Linux: a Windows program (cmd.exe) runs wsl.exe, which returns the Linux command's exit code.
    const nested = await distro.execute(["cmd.exe", "/c", `wsl.exe -d ${distro.name} --exec /bin/sh -c "exit 5" & call echo code=%^errorlevel%`]);
    expect(nested.stdout.replace(/\r/g, "")).toContain("code=5");
  });

  test("the WSLInterop binfmt handler is registered and enabled", async ({ distro, requires }) => {
    requires("windows-host");
    const handler = await distro.succeed(["sh", "-c", "cat /proc/sys/fs/binfmt_misc/WSLInterop* | head -n 1"]);
    expect(handler.trim()).toBe("enabled");
    // unitProperty throws when systemctl cannot run, so an unrunnable systemctl is no pass (NixOS-WSL#552).
    expect(await distro.unitProperty("systemd-binfmt.service", "ActiveState"), "systemd-binfmt.service ActiveState").not.toBe("failed");
  });

  test("the Windows PATH is appended by default", async ({ distro, requires }) => {
    requires("windows-host");
    const path = await distro.succeed(["sh", "-c", 'echo "$PATH"']);
    expect(path.split(":").some((entry) => entry.startsWith("/mnt/c/"))).toBe(true);
  });

  test("wslpath -w and -u round-trip a path", async ({ distro, requires }) => {
    requires("windows-host");
    const windows = (await distro.succeed(["wslpath", "-w", "/etc/hostname"])).trim();
    expect(windows).toMatch(/^\\\\wsl(\.localhost|\$)\\/);
    expect((await distro.succeed(["wslpath", "-u", windows])).trim()).toBe("/etc/hostname");
    expect((await distro.succeed(["wslpath", "-u", "C:\\Windows"])).trim()).toBe("/mnt/c/Windows");
  });

  test("WSLENV passes a variable from Windows to the distro", async ({ distro, requires }) => {
    requires("windows-host");
    const value = `nwh-${randomBytes(3).toString("hex")}`;
    const out = await distro.succeed(["cmd.exe", "/c", `set NWH_PROBE=${value}&& set WSLENV=NWH_PROBE&& wsl.exe -d ${distro.name} --exec /bin/sh -c "printenv NWH_PROBE"`]);
    expect(out.replace(/\r/g, "").trim()).toBe(value);
  });

  test("wsl.exe is callable from inside the distro", async ({ distro, requires }) => {
    requires("windows-host");
    const out = await distro.succeed(["wsl.exe", "-d", distro.name, "--exec", "/bin/sh", "-c", "echo nwh-nested"], { env: { WSL_UTF8: "1" } });
    expect(out.replace(/\r/g, "").trim()).toBe("nwh-nested");
  });

  test("with appendWindowsPath=false the PATH has no Windows entries", async ({ distro, requires, destructive }) => {
    requires("windows-host", "nixos-rebuild");
    destructive();
    await distro.installConfig("append-windows-path-off.nix", "switch");
    await distro.terminate();
    const path = await distro.succeed(["sh", "-c", 'echo "$PATH"']);
    expect(path.split(":").filter((entry) => entry.startsWith("/mnt/"))).toEqual([]);
  });

  // modules/interop.nix: systemd-binfmt clears every handler when it starts, WSL's own included, so an extra
  // registration needs wsl.interop.register for .exe files to keep working.
  test("an extra binfmt registration with wsl.interop.register keeps .exe files running after a restart", async ({ distro, requires, destructive }) => {
    requires("windows-host", "nixos", "nixos-rebuild");
    destructive();
    await distro.installConfig("binfmt-extra.nix", "switch");
    await distro.terminate();
    const out = await distro.execute(["cmd.exe", "/c", "echo nwh-ok"]);
    expect(out.exitCode, `cmd.exe after the restart with an extra binfmt registration: ${out.stderr.trim()}`).toBe(0);
    expect(out.stdout.replace(/\r/g, "").trim()).toBe("nwh-ok");
    await distro.succeed(["test", "-e", "/proc/sys/fs/binfmt_misc/nwh-extra"]);
    expect(await distro.unitProperty("systemd-binfmt.service", "ActiveState"), "systemd-binfmt.service ActiveState").not.toBe("failed");
  });

  test("an extra binfmt registration without wsl.interop.register makes nixos-rebuild warn that it breaks .exe files", async ({ distro, requires, destructive }) => {
    // Real NixOS modules only: the stand-in has no boot.binfmt options.
    requires("nixos", "nixos-rebuild");
    destructive();
    await distro.copyFromHost(path.join(NIXOS_FIXTURES_DIR, "binfmt-extra-unregistered.nix"), "/etc/nixos/nwh-binfmt-extra.nix", { user: "root" });
    const rebuild = await distro.execute(["nixos-rebuild", "dry-build", "-I", "nixos-config=/etc/nixos/nwh-binfmt-extra.nix"], { user: "root", timeoutMs: distro.timeouts.bootMs });
    expect(`${rebuild.stdout}${rebuild.stderr}`, "nixos-rebuild's output").toContain("will break running .exe files from WSL2");
  });
});
