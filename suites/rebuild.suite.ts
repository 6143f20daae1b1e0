import type { Distro } from "../harness/distro.ts";
import { describe, expect, test } from "./lib/nwh-test.ts";

const SERVICE = "nwh-hello.service";
const lastLine = (text: string) => text.replace(/\r/g, "").trimEnd().split("\n").at(-1) ?? "";

async function current(distro: Distro): Promise<number> {
  const generation = (await distro.generations()).find((g) => g.current);
  if (!generation) throw new Error("no generation of the system profile is marked current");
  return generation.number;
}

async function serviceState(distro: Distro): Promise<string> {
  return `${await distro.unitProperty(SERVICE, "LoadState")}/${await distro.unitProperty(SERVICE, "ActiveState")}`;
}

// One distro, changed step by step: each test starts from the state the previous one left (file order).
describe("nixos-rebuild and rollback", () => {
  test("switch to a configuration adding a service starts it and makes a new current generation", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    const before = await distro.generations();
    await distro.installConfig("with-service.nix", "switch");
    await distro.waitForUnit(SERVICE);
    const after = await distro.generations();
    expect(after).toHaveLength(before.length + 1);
    expect(await current(distro)).toBe(Math.max(...after.map((g) => g.number)));
  });

  test("test activates a configuration without killing the user session", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
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
    // Back to the current generation's configuration (the service), as a reboot would.
    await distro.installConfig("with-service.nix", "test");
    await distro.waitForUnit(SERVICE);
  });

  test("switch --rollback removes the service and makes the previous generation current", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    const before = await distro.generations();
    const was = await current(distro);
    await distro.rollback();
    const previous = Math.max(...before.filter((g) => g.number < was).map((g) => g.number));
    expect(await current(distro), `current generation after \`nixos-rebuild switch --rollback\` from generation ${was} (the rollback must make ${previous} current)`).toBe(previous);
    expect(await distro.generations(), "a rollback makes no generation").toHaveLength(before.length);
    await distro.waitUntilFails(["systemctl", "is-active", "--quiet", SERVICE]);
    expect(await distro.unitProperty(SERVICE, "LoadState"), "the unit file is gone with the generation").toBe("not-found");
  });

  // Nix adds no generation when the new system is the newest generation's own (nix-env --set), so after the
  // rollback above each switch here goes to a configuration other than the newest generation's.
  test("the generation list grows by one per switch to a new configuration; the newest is current", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
    const start = (await distro.generations()).length;
    let expected = start;
    for (const config of ["base.nix", "with-service.nix", "base.nix"]) {
      await distro.installConfig(config, "switch");
      expected += 1;
      expect(await distro.generations(), `after switch to ${config}`).toHaveLength(expected);
    }
    const list = await distro.generations();
    const numbers = list.map((g) => g.number);
    expect(numbers, "generation numbers ascend").toEqual([...numbers].sort((a, b) => a - b));
    expect(list.filter((g) => g.current)).toHaveLength(1);
    expect(list.at(-1)?.current).toBe(true);
  });

  test("boot takes effect only after terminate and start", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild", "systemd");
    destructive();
    expect(await serviceState(distro)).not.toMatch(/\/active$/);
    await distro.installConfig("with-service.nix", "boot");
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
  test("should be possible to change the username", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
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
