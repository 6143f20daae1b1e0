import { describe, expect, it } from "vitest";
import { mapDistroClock, parseUptimeMs } from "./distro-clock.ts";
import { bindDistro } from "../backends/bound-distro.ts";
import type { ProbeContext } from "./probe.ts";
import { VIRTUAL_DISTRO_CLOCK_OFFSET_MS, VirtualClockBackend } from "./virtual-clock-backend.test-helper.ts";

function context(backend: VirtualClockBackend): ProbeContext {
  const distro = bindDistro(backend, { name: "d", owned: true });
  return {
    startFacts: {},
    tarball: "/t",
    timeouts: { bootMs: 1000, execMs: 1000 },
    now: backend.now,
    importFresh: async () => ({ distro, importMs: 0 }),
    remove: async () => {},
    sharedDistro: async () => distro,
    recordDetail: () => {},
  };
}

describe("mapDistroClock", () => {
  it("on a VM: the offset from round trips reading /proc/uptime, uncertainty from the tightest bounds", async () => {
    const backend = new VirtualClockBackend("wsl");
    const distro = await backend.importDistro({ name: "d", tarball: "/t" });
    await distro.exec(["true"]);
    const m = await mapDistroClock(context(backend), distro);
    expect(m).toMatchObject({ method: "round-trips", rounds: 5, offsetMs: VIRTUAL_DISTRO_CLOCK_OFFSET_MS, uncertaintyMs: 10, bestRoundTripMs: 10 });
    expect(backend.log.filter((l) => l.startsWith("import"))).toHaveLength(1);
  });
  it("on a backend sharing the host's clock: no round trip at all", async () => {
    const backend = Object.assign(new VirtualClockBackend("docker"), { sharesHostClock: true });
    const before = backend.clock;
    const ctx = context(backend);
    const m = await mapDistroClock(ctx, await ctx.sharedDistro());
    expect(m).toMatchObject({ method: "shared", uncertaintyMs: 0, rounds: 0 });
    expect(backend.clock).toBe(before);
  });
});

describe("parseUptimeMs", () => {
  it("reads the first figure of /proc/uptime", () => {
    expect(parseUptimeMs("12345.67 2345.10\n")).toBeCloseTo(12_345_670, 3);
    expect(() => parseUptimeMs("")).toThrow(/not \/proc\/uptime/);
  });
});
