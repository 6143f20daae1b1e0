import { describe, expect, it } from "vitest";
import { absentPhases, bootPhases, NO_KERNEL_OF_ITS_OWN, parseActiveEnterMs, parseProcStartMs } from "./boot-instants.ts";
import type { ClockMapping } from "./clock-mapping.ts";

const mapping: ClockMapping = { offsetMs: 1000, uncertaintyMs: 2, method: "round-trips", rounds: 5 };

describe("parseProcStartMs", () => {
  it("reads field 22 (start time in 1/100 s), also when the command name holds spaces and parentheses", () => {
    const rest = `S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1 0 123456 1000 10`;
    expect(parseProcStartMs(`1 (systemd) ${rest}`)).toBe(1_234_560);
    expect(parseProcStartMs(`1 (my (odd) init) ${rest}`)).toBe(1_234_560);
  });
  it("refuses what is not a stat line", () => {
    expect(() => parseProcStartMs("hello")).toThrow(/not a \/proc\/PID\/stat line/);
  });
});

describe("parseActiveEnterMs", () => {
  it("reads µs as ms; 0 means never active", () => {
    expect(parseActiveEnterMs("ActiveEnterTimestampMonotonic=2500000\n")).toBe(2500);
    expect(parseActiveEnterMs("ActiveEnterTimestampMonotonic=0\n")).toBeUndefined();
    expect(() => parseActiveEnterMs("Id=user@1000.service\n")).toThrow(/lacks ActiveEnterTimestampMonotonic/);
  });
});

describe("bootPhases", () => {
  it("splits request → running into start, activation and systemd's userspace, then the user session", () => {
    // host: request at 100; distro (host + 1000): PID 1 at 1150, systemd at 1200, finished 1600, user manager 1650
    const phases = bootPhases(100, { firstProcessMs: 1150, userspaceMs: 1200, finishMs: 1600, userSessionMs: 1650 }, mapping);
    expect(phases).toEqual({ start: 50, activation: 50, "systemd-userspace": 400, "user-session": 50 });
  });
  it("leaves out what the distro did not report or what is not of this boot", () => {
    expect(bootPhases(100, { userspaceMs: 1200, finishMs: 0 }, mapping)).toEqual({ start: 100 });
    // PID 1 older than systemd's start cannot be this boot's shim: no activation phase
    expect(bootPhases(100, { firstProcessMs: 1300, userspaceMs: 1200, finishMs: 1600 }, mapping)).toEqual({ start: 100, "systemd-userspace": 400 });
  });
});

describe("the kernel phase", () => {
  // A VM whose kernel started at host 200, after the request at 100 (distro monotonic = host - 200).
  const vm: ClockMapping = { offsetMs: -200, uncertaintyMs: 2, method: "round-trips", rounds: 5 };
  const instants = { firstProcessMs: 900, userspaceMs: 1000, finishMs: 1400, kernel: { initMs: 450, marker: "run-init" as const } };

  it("is the kernel's start → Run /init, taken out of start, so that the phases still add up to the figure", () => {
    const phases = bootPhases(100, instants, vm);
    expect(phases).toEqual({ start: 550, kernel: 450, activation: 100, "systemd-userspace": 400 });
    expect(Object.values(phases).reduce((a, b) => a + b, 0)).toBe(1600 - 100);
    expect(absentPhases(100, instants, vm)).toEqual({});
  });

  it("is absent with its reason when the kernel started before the request (the VM kept running)", () => {
    expect(bootPhases(300, { ...instants, firstProcessMs: 1000, userspaceMs: 1100, finishMs: 1500 }, vm)).not.toHaveProperty("kernel");
    expect(absentPhases(300, instants, vm).kernel).toMatch(/^this start booted no kernel: .*the VM kept running/);
  });

  it("is absent, not 0, in a container: the reason travels with the sample", () => {
    const container = { firstProcessMs: 900, userspaceMs: 1000, finishMs: 1400, kernelAbsent: NO_KERNEL_OF_ITS_OWN };
    expect(bootPhases(100, container, vm)).not.toHaveProperty("kernel");
    expect(absentPhases(100, container, vm)).toEqual({ kernel: "no kernel boot: the distro shares the host's running kernel (a container)" });
  });
});
