import { describe, expect, it } from "vitest";
import { compareMarkdown } from "./compare-markdown.ts";
import { compareBenchResults } from "./compare-results.ts";
import { movedPhase, phaseMoves } from "./phase-moves.ts";
import { bootBenchResult, normalSamples } from "./sample-bench-result.ts";

/** Ten boots: start ~100 ms, activation ~50 ms, systemd ~400 ms (×`systemd` slower). */
function boots(seed: number, systemd = 1) {
  return bootBenchResult({
    start: normalSamples(10, 100, 5, seed),
    activation: normalSamples(10, 50, 2, seed + 1),
    "systemd-userspace": normalSamples(10, 400 * systemd, 15, seed + 2),
  });
}

describe("which boot phase moved", () => {
  it("nwh compare names systemd-userspace when only systemd got slower", () => {
    const c = compareBenchResults([
      { label: "2.5.9", result: boots(1) },
      { label: "2.6.1", result: boots(10, 1.3) },
    ], { failIfSlower: 0.1 });
    const delta = c.probes.find((p) => p.name === "time-to-running")!.runs[1]!;
    expect(delta.verdict).toBe("slower");
    expect(delta.movedPhase).toMatchObject({ phase: "systemd-userspace", significant: true });
    expect(delta.movedPhase!.deltaMs).toBeGreaterThan(90);
    expect(delta.phases?.map((m) => m.phase)).toEqual(expect.arrayContaining(["start", "activation", "systemd-userspace"]));
    const md = compareMarkdown(c);
    expect(md).toMatch(/- time-to-running in B is slower \(\*\*REGRESSION\*\*\): the phase that moved is \*\*systemd-userspace\*\* \(\+1\d\d ms, p<0\.001\); /);
  });

  it("nwh compare names the kernel when a new WSL kernel boots slower (cold-vm-start's phases)", () => {
    const vm = (seed: number, kernel: number) =>
      bootBenchResult({ start: normalSamples(10, 300, 10, seed), kernel: normalSamples(10, kernel, 10, seed + 1), activation: normalSamples(10, 50, 2, seed + 2), "systemd-userspace": normalSamples(10, 400, 15, seed + 3) });
    const c = compareBenchResults([
      { label: "6.6.87.2", result: vm(1, 450) },
      { label: "6.6.114.1", result: vm(10, 700) },
    ], { failIfSlower: 0.1 });
    const delta = c.probes.find((p) => p.name === "time-to-running")!.runs[1]!;
    expect(delta.movedPhase).toMatchObject({ phase: "kernel", significant: true });
    expect(compareMarkdown(c)).toMatch(/the phase that moved is \*\*kernel\*\* \(\+2\d\d ms, p<0\.001\); /);
  });

  it("warns when the files mix schema versions (version 1's boot figures include detection)", () => {
    const old = { ...boots(1), schemaVersion: 1 as const };
    expect(compareMarkdown(compareBenchResults([{ label: "old", result: old }, { label: "new", result: boots(2) }]))).toContain("mix bench.json schema versions");
    expect(compareMarkdown(compareBenchResults([{ label: "a", result: boots(1) }, { label: "b", result: boots(2) }]))).not.toContain("mix bench.json schema versions");
  });

  it("names no phase when the probe is not slower", () => {
    const c = compareBenchResults([
      { label: "a", result: boots(1) },
      { label: "b", result: boots(20) },
    ]);
    const delta = c.probes.find((p) => p.name === "time-to-running")!.runs[1]!;
    expect(delta.verdict).toBe("same");
    expect(delta.movedPhase).toBeUndefined();
    expect(compareMarkdown(c)).not.toContain("Which boot phase moved");
  });

  it("falls back to the largest increase, marked not significant, and to nothing when no phase grew", () => {
    const base = [{ detectionMs: 1, clockUncertaintyMs: 0, phasesMs: { start: 100, activation: 50 } }];
    const run = [{ detectionMs: 1, clockUncertaintyMs: 0, phasesMs: { start: 130, activation: 40 } }];
    expect(movedPhase(phaseMoves(base, run), 0.05)).toMatchObject({ move: { phase: "start", deltaMs: 30 }, significant: false });
    expect(movedPhase(phaseMoves(run, run), 0.05)).toBeUndefined();
  });
});
