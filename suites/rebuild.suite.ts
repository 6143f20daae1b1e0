import type { Distro } from "../harness/distro.ts";
import { describe, expect, test } from "./lib/nwh-test.ts";

const SERVICE = "nwh-hello.service";

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

  // Upstream: slow-activation.Tests.ps1 "Slow Activation Script should not cause starting a shell to fail"
  test("a slow activation script does not break the next shell start", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
    await distro.installConfig("slow-activation.nix", "boot");
    await distro.terminate();
    const launch = await distro.shell("echo 'TEST'", { timeoutMs: distro.timeouts.bootMs });
    expect(launch.exitCode, launch.stderr).toBe(0);
    expect(launch.stdout.trim().split("\n").at(-1)).toBe("TEST");
  });

  // Upstream: username-change.Tests.ps1 "should be possible to change the username"; last: it changes the default user.
  test("the default user can be renamed: boot, terminate, start as root, terminate, whoami", async ({ distro, requires, destructive }) => {
    requires("nixos-rebuild");
    destructive();
    expect((await distro.succeed("whoami")).trim()).toBe("nixos");
    await distro.installConfig("username-change.nix", "boot");
    await distro.terminate();
    await distro.succeed(["true"], { user: "root", timeoutMs: distro.timeouts.bootMs });
    await distro.terminate();
    expect((await distro.shell("whoami")).stdout.trim().split("\n").at(-1)).toBe("nwhuser");
  });
});
