import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend } from "../distro/fake-backend.test-helper.ts";
import { startMachine, stopMachine } from "../distro/machine.ts";
import { unmetRequirement } from "../distro/requirements.ts";
import { DEFAULT_TIMEOUTS } from "../model/default-timeouts.ts";
import { UsageError } from "../model/usage-error.ts";
import type { BackendDescriptor } from "./backend-descriptor.ts";
import { backendDescriptor, backendKinds, createBackend, parseBackendKind, registerBackend } from "./registry.ts";

/** A third kind of backend, added the way a new backend folder adds itself: one descriptor, one register call. */
function fakeThirdBackend(backend: FakeBackend): BackendDescriptor {
  return {
    kind: "hyperv-fake",
    create: async () => backend,
    sweeper: async () => ({ findLeftovers: async () => [], removeLeftover: async () => {} }),
    availability: async () => ({ available: true, reason: "always (a test double)", details: {} }),
    adoptsRegisteredDistros: false,
    pinsVmSettings: false,
    needsUserTarball: true,
    startFacts: { noUtilityVm: "the fake hypervisor boots no VM" },
    hostFatalFix: () => undefined,
    enterCommand: (_runId, distro) => `fake-hv enter ${distro}`,
    whyMissing: { wslg: "the fake hypervisor has no WSLg" },
  };
}

let unregister: (() => void) | undefined;
afterEach(() => unregister?.());

describe("the backend registry", () => {
  it("knows the built-in backends and refuses an unknown name in one line", () => {
    expect(backendKinds()).toEqual(expect.arrayContaining(["docker", "wsl"]));
    expect(parseBackendKind("wsl")).toBe("wsl");
    expect(() => parseBackendKind("qemu")).toThrow(UsageError);
    expect(() => parseBackendKind("qemu")).toThrow('--backend must be "docker" or "wsl", got "qemu"');
  });

  it("runs a suite file's distro on a third backend registered through the same path", async () => {
    const fake = new FakeBackend(["systemd"], "hyperv-fake");
    fake.on((argv) => (argv[0] === "true" ? {} : undefined));
    fake.on((argv) => (argv.join(" ") === "systemctl is-system-running" ? { stdout: "running\n" } : undefined));
    fake.on((argv) => (argv[0] === "nixos-version" ? { stdout: "26.05\n" } : undefined));
    unregister = registerBackend(fakeThirdBackend(fake));

    expect(parseBackendKind("hyperv-fake")).toBe("hyperv-fake");
    expect(await createBackend("hyperv-fake", { runId: "nwh-test", workDir: "/tmp" })).toBe(fake);
    expect(unmetRequirement(["wslg"], new Set(), "hyperv-fake")).toBe("needs wslg: the fake hypervisor has no WSLg");
    expect(backendDescriptor("hyperv-fake").needsUserTarball).toBe(true);

    const run = { runId: "nwh-test", backend: "hyperv-fake", tarball: "/tmp/x.wsl", allowDestructive: false, keep: false, workDir: "/tmp", reportsDir: "/tmp", timeouts: DEFAULT_TIMEOUTS };
    const machine = await startMachine(run, "systemd");
    expect(machine.meta.properties?.backend).toBe("hyperv-fake");
    expect(machine.meta.nixosVersion).toBe("26.05");
    expect(machine.distro.handle.kind).toBe("hyperv-fake");
    const extra = await machine.importDistro("/tmp/extra.wsl", "extra-files");
    await extra.succeed(["true"]);
    await stopMachine(machine, "systemd");
    const events = fake.events.map((e) => e.replace(/-[0-9a-f]{6}$/, "-X"));
    // the extra distro goes with the machine, before it; then the backend
    expect(events.slice(-3)).toEqual(["unregister nwh-extra-files-X", "unregister nwh-systemd-X", "dispose"]);
    expect(backendDescriptor("hyperv-fake").startFacts.noUtilityVm).toBe("the fake hypervisor boots no VM");
  });
});
