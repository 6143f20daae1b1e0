import path from "node:path";
import { type Distro, SYSTEM_PROFILE } from "../harness/distro.ts";
import { freshConfig } from "./lib/fresh-config.ts";
import { describe, expect, type Machine, test } from "./lib/nwh-test.ts";

const SERVICE = "nwh-hello.service";
const lastLine = (text: string) => text.replace(/\r/g, "").trimEnd().split("\n").at(-1) ?? "";

async function current(distro: Distro): Promise<number> {
  const generation = (await distro.generations()).find((g) => g.current);
  if (!generation) throw new Error("no generation of the system profile is marked current");
  return generation.number;
}

/** Switches to a fresh copy of the fixture (always a new generation); returns that generation's number. */
async function switchTo(distro: Distro, machine: Machine, fixture: string): Promise<number> {
  await distro.installConfig(freshConfig(path.join(machine.run.workDir, "rebuild-configs"), fixture), "switch");
  return current(distro);
}

async function serviceState(distro: Distro): Promise<string> {
  return `${await distro.unitProperty(SERVICE, "LoadState")}/${await distro.unitProperty(SERVICE, "ActiveState")}`;
}

// One distro for the file; each test switches to the state it needs first, so any test runs alone (-t) or in any order.
describe("nixos-rebuild and rollback", () => {
  test("switch to a configuration adding a service starts it and makes a new current generation", async ({ distro, machine, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    const before = await distro.generations();
    await switchTo(distro, machine, "with-service.nix");
    await distro.waitForUnit(SERVICE);
    const after = await distro.generations();
    expect(after).toHaveLength(before.length + 1);
    expect(await current(distro)).toBe(Math.max(...after.map((g) => g.number)));
  });

  test("a switch leaves no unit in the failed state", async ({ distro, machine, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    await switchTo(distro, machine, "with-service.nix");
    await distro.waitForUnit(SERVICE);
    const failed = await distro.systemctl(["list-units", "--failed", "--plain", "--no-legend", "--no-pager"]);
    expect(failed.exitCode, failed.stderr).toBe(0);
    expect(failed.stdout.trim(), "failed units after nixos-rebuild switch").toBe("");
  });

  test("test activates a configuration without killing the user session", async ({ distro, machine, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    await switchTo(distro, machine, "with-service.nix");
    await distro.waitForUnit(SERVICE);
    const uid = (await distro.succeed(["id", "-u"])).trim();
    await distro.waitForUnit(`user@${uid}.service`);
    const invocation = await distro.unitProperty(`user@${uid}.service`, "InvocationID");
    const generationsBefore = await distro.generations();
    await distro.installConfig("base.nix", "test");
    await distro.waitUntilFails(["systemctl", "is-active", "--quiet", SERVICE]);
    expect(await distro.unitProperty(`user@${uid}.service`, "ActiveState")).toBe("active");
    expect(await distro.unitProperty(`user@${uid}.service`, "InvocationID"), "user manager was restarted").toBe(invocation);
    expect(await distro.generations(), "nixos-rebuild test makes no generation").toEqual(generationsBefore);
    expect((await distro.shell("echo still-here")).stdout).toContain("still-here");
  });

  test("switch --rollback removes the service and makes the previous generation current", async ({ distro, machine, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    await switchTo(distro, machine, "base.nix");
    await switchTo(distro, machine, "with-service.nix");
    await distro.waitForUnit(SERVICE);
    const before = await distro.generations();
    const was = await current(distro);
    await distro.rollback();
    const previous = Math.max(...before.filter((g) => g.number < was).map((g) => g.number));
    expect(await current(distro), `current generation after \`nixos-rebuild switch --rollback\` from generation ${was} (the rollback must make ${previous} current)`).toBe(previous);
    expect(await distro.generations(), "a rollback makes no generation").toHaveLength(before.length);
    await distro.waitUntilFails(["systemctl", "is-active", "--quiet", SERVICE]);
    expect(await distro.unitProperty(SERVICE, "LoadState"), "the unit file is gone with the generation").toBe("not-found");
  });

  // docs/src/troubleshooting/recovery-shell.md: `nixos-wsl-recovery --system /nix/var/nix/profiles/system-N-link` activates
  // generation N; what the link must hold for that is checked on every backend, the recovery shell itself on WSLg.
  test("an older generation activates through /nix/var/nix/profiles/system-N-link (what the recovery shell loads)", async ({ distro, machine, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    const old = await switchTo(distro, machine, "base.nix");
    await switchTo(distro, machine, "with-service.nix");
    await distro.waitForUnit(SERVICE);
    const link = `${SYSTEM_PROFILE}-${old}-link`;
    const oldSystem = (await distro.succeed(["readlink", "-f", link], { user: "root" })).trim();
    try {
      await distro.succeed([`${link}/bin/switch-to-configuration`, "test"], { user: "root", timeoutMs: distro.timeouts.bootMs });
      expect((await distro.succeed(["readlink", "-f", "/run/current-system"])).trim(), `/run/current-system after activating ${link}`).toBe(oldSystem);
      await distro.waitUntilFails(["systemctl", "is-active", "--quiet", SERVICE]);
    } finally {
      await distro.succeed([`${SYSTEM_PROFILE}/bin/switch-to-configuration`, "test"], { user: "root", timeoutMs: distro.timeouts.bootMs });
    }
  });

  test("the recovery shell (wsl --system ... nixos-wsl-recovery --system system-N-link) enters generation N", async ({ distro, machine, requires, destructive }) => {
    // The recovery shell runs in WSLg's system distro, reached here through interop's wsl.exe.
    requires("nixos-rebuild", "windows-host", "wslg");
    destructive();
    const recovery = await distro.execute(["sh", "-c", "test -f /bin/nixos-wsl-recovery && ! test -L /bin/nixos-wsl-recovery"]);
    expect(recovery.exitCode, "/bin/nixos-wsl-recovery is a file, not a symlink (a link into the store does not run from the system distro)").toBe(0);
    const old = await switchTo(distro, machine, "base.nix");
    await switchTo(distro, machine, "with-service.nix");
    const link = `${SYSTEM_PROFILE}-${old}-link`;
    const oldSystem = (await distro.succeed(["readlink", "-f", link], { user: "root" })).trim();
    try {
      const entered = await distro.succeed(
        ["wsl.exe", "--system", "-d", distro.name, "--user", "root", "--", "/mnt/wslg/distro/bin/nixos-wsl-recovery", "--system", link, "-c", "readlink -f /run/current-system"],
        { env: { WSL_UTF8: "1" }, timeoutMs: distro.timeouts.bootMs },
      );
      expect(entered.replace(/\r/g, "").trim().split("\n").at(-1), `/run/current-system in the recovery shell of ${link}`).toBe(oldSystem);
    } finally {
      // The recovery activates generation N on the distro's own /etc: back to the profile's generation.
      await distro.succeed([`${SYSTEM_PROFILE}/bin/switch-to-configuration`, "switch"], { user: "root", timeoutMs: distro.timeouts.bootMs });
    }
  });

  test("the generation list grows by one per switch to a new configuration; the newest is current", async ({ distro, machine, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
    const start = (await distro.generations()).length;
    let expected = start;
    for (const config of ["base.nix", "with-service.nix", "base.nix"]) {
      await switchTo(distro, machine, config);
      expected += 1;
      expect(await distro.generations(), `after switch to ${config}`).toHaveLength(expected);
    }
    const list = await distro.generations();
    const numbers = list.map((g) => g.number);
    expect(numbers, "generation numbers ascend").toEqual([...numbers].sort((a, b) => a - b));
    expect(list.filter((g) => g.current)).toHaveLength(1);
    expect(list.at(-1)?.current).toBe(true);
  });

  test("boot takes effect only after terminate and start", async ({ distro, machine, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    await switchTo(distro, machine, "base.nix");
    expect(await serviceState(distro)).not.toMatch(/\/active$/);
    await distro.installConfig(freshConfig(path.join(machine.run.workDir, "rebuild-configs"), "with-service.nix"), "boot");
    expect(await serviceState(distro), "boot must not activate now").not.toMatch(/\/active$/);
    await distro.terminate();
    await distro.waitForUnit(SERVICE, { timeoutMs: distro.timeouts.bootMs });
  });
});

// Upstream's own tests (tests/*.Tests.ps1) that change the system, on the same distro after the tests above, named
// "<Describe> › <It>" as upstream.
describe("Slow Activation Script", () => {
  // slow-activation.Tests.ps1 with its 00-delay: 15 s, so WSL's init stops waiting for systemd (boot.initTimeout 10 s)
  // and the shell starts while the activation still runs: NixOS-WSL's wrapper must wait for it (#593, #602).
  test("should not cause starting a shell to fail", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
    await distro.installConfig("slow-activation.nix", "boot");
    await distro.terminate();
    const launch = await distro.shell("echo 'TEST'", { timeoutMs: distro.timeouts.bootMs });
    expect(launch.stdout.trim().split("\n").at(-1), `the shell's output (stderr: ${launch.stderr.trim() || "empty"})`).toBe("TEST");
    expect(launch.exitCode, launch.stderr).toBe(0);
  });
});

/** upstream's username change: boot a configuration renaming wsl.defaultUser, terminate, start once as root, terminate. */
async function changeUsername(distro: Distro): Promise<void> {
  await distro.installConfig("username-change.nix", "boot");
  await distro.terminate();
  // As upstream's `wsl --user root exit`: this start's activation makes the new user; WSL read wsl.conf before it.
  const asRoot = await distro.shell("exit", { user: "root", timeoutMs: distro.timeouts.bootMs });
  expect(asRoot.exitCode, `the start as root: ${asRoot.stderr.trim()}`).toBe(0);
  await distro.terminate();
}

// Last: they change the default user. (Upstream's file names its Describe "Login Shell", a copy slip; this is its file's name.)
describe("Username change", () => {
  // username-change.Tests.ps1: the configuration only renames wsl.defaultUser; NixOS-WSL's module declares the user.
  test("should be possible to change the username", async ({ distro, machine, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
    // Run after itself (a retry, or any order), the default user is still the renamed one: back to nixos first.
    if (lastLine((await distro.shell("whoami")).stdout) !== "nixos") {
      await switchTo(distro, machine, "base.nix");
      await distro.terminate();
    }
    expect(lastLine((await distro.shell("whoami")).stdout)).toBe("nixos");
    await changeUsername(distro);
    const whoami = await distro.shell("whoami", { timeoutMs: distro.timeouts.bootMs });
    expect(lastLine(whoami.stdout), `whoami after the change (stderr: ${whoami.stderr.trim() || "empty"})`).toBe("different-name");
  });

  // NixOS-WSL#107, #204: the renamed user keeps uid 1000 (WSLg's runtime directory is uid 1000's) and has a home it can use.
  test("after the change the default user has uid 1000 and a home it owns and can write", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
    if (lastLine((await distro.shell("whoami")).stdout) !== "different-name") await changeUsername(distro);
    const who = lastLine((await distro.shell("whoami")).stdout);
    expect(who, "the default user after the change").toBe("different-name");
    expect(lastLine((await distro.shell("id -u")).stdout), `uid of ${who}`).toBe("1000");
    const home = lastLine(await distro.succeed(["sh", "-c", 'getent passwd "$(id -un)" | cut -d: -f6']));
    const state = await distro.execute(["sh", "-c", 'if [ ! -d "$1" ]; then echo "does not exist"; elif [ "$(stat -c %u "$1")" != "$(id -u)" ]; then echo "is owned by uid $(stat -c %u "$1")"; elif ! touch "$1/.nwh-home-check"; then echo "is not writable"; else rm -f "$1/.nwh-home-check"; echo ok; fi', "home", home]);
    expect(state.stdout.trim(), `home ${home} of ${who} (uid 1000, from passwd)`).toBe("ok");
    const cwd = await distro.shell("cd && pwd");
    expect(lastLine(cwd.stdout), `cd to the home in the login shell (stderr: ${cwd.stderr.trim() || "empty"})`).toBe(home);
  });
});
