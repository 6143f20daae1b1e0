import { describe, expect, it } from "vitest";
import { estimateClockOffset, sharedClockMapping, toHostMs } from "./clock-mapping.ts";

describe("estimateClockOffset", () => {
  it("bounds the offset by the tightest round trip: half of it is the uncertainty", () => {
    const m = estimateClockOffset([
      { hostBeforeMs: 0, distroMs: 1040, hostAfterMs: 100, resolutionMs: 0 },
      { hostBeforeMs: 200, distroMs: 1210, hostAfterMs: 220, resolutionMs: 0 },
      { hostBeforeMs: 300, distroMs: 1380, hostAfterMs: 400, resolutionMs: 0 },
    ]);
    // round 2: offset in [1210 - 220, 1210 - 200] = [990, 1010]; the others are looser and agree
    expect(m).toMatchObject({ offsetMs: 1000, uncertaintyMs: 10, method: "round-trips", rounds: 3, bestRoundTripMs: 20 });
    expect(toHostMs(m, 1500)).toBe(500);
  });

  it("intersects the rounds, so two loose ones can beat the best alone", () => {
    const m = estimateClockOffset([
      { hostBeforeMs: 0, distroMs: 1010, hostAfterMs: 20, resolutionMs: 0 }, // [990, 1010]
      { hostBeforeMs: 100, distroMs: 1095, hostAfterMs: 120, resolutionMs: 0 }, // [975, 995]
    ]);
    expect(m.offsetMs).toBe(992.5);
    expect(m.uncertaintyMs).toBe(2.5);
  });

  it("counts the reading's resolution: a 10 ms clock never gives less than ±5 ms", () => {
    const m = estimateClockOffset([{ hostBeforeMs: 100, distroMs: 1100, hostAfterMs: 100, resolutionMs: 10 }]);
    expect(m).toMatchObject({ offsetMs: 1005, uncertaintyMs: 5 });
  });

  it("falls back to the tightest round when the rounds disagree (a clock stepped)", () => {
    const m = estimateClockOffset([
      { hostBeforeMs: 0, distroMs: 1010, hostAfterMs: 20, resolutionMs: 0 }, // [990, 1010]
      { hostBeforeMs: 100, distroMs: 5100, hostAfterMs: 110, resolutionMs: 0 }, // [4990, 5000]
    ]);
    expect(m).toMatchObject({ offsetMs: 4995, uncertaintyMs: 5 });
  });

  it("refuses no rounds", () => {
    expect(() => estimateClockOffset([])).toThrow(RangeError);
  });
});

describe("sharedClockMapping", () => {
  it("maps CLOCK_MONOTONIC (what a container's systemd stamps) onto performance.now, with no uncertainty", () => {
    const m = sharedClockMapping();
    const monotonic = Number(process.hrtime.bigint()) / 1e6;
    const now = performance.now();
    expect(m.uncertaintyMs).toBe(0);
    expect(Math.abs(toHostMs(m, monotonic) - now)).toBeLessThan(5);
  });
});
