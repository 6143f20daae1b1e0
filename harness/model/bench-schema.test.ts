import { describe, expect, it } from "vitest";
import { validateBenchResult } from "./bench-schema.ts";
import { sampleBenchResult } from "../timing/sample-bench-result.ts";

describe("validateBenchResult", () => {
  it("accepts a well-formed result", () => {
    const r = sampleBenchResult();
    expect(validateBenchResult(JSON.parse(JSON.stringify(r)))).toEqual(r);
  });
  it("rejects a file without schemaVersion", () => {
    expect(() => validateBenchResult({ foo: 1 })).toThrow(/not a bench.json/);
  });
  it("rejects a schemaVersion it does not know", () => {
    expect(() => validateBenchResult({ ...sampleBenchResult(), schemaVersion: 3 })).toThrow(/schemaVersion 3; this harness reads versions 1, 2/);
  });
  it("still reads a version 1 file (no bootSamples)", () => {
    const v1 = { ...sampleBenchResult(), schemaVersion: 1 };
    for (const p of v1.probes) delete p.bootSamples;
    expect(validateBenchResult(JSON.parse(JSON.stringify(v1))).schemaVersion).toBe(1);
  });
  it("checks bootSamples: one per sample, each with its figures", () => {
    const r = sampleBenchResult();
    const probe = r.probes[0]!;
    probe.bootSamples = probe.samplesMs.map(() => ({ detectionMs: 3, clockUncertaintyMs: 0, phasesMs: { start: 1, "systemd-userspace": 0.5 } }));
    expect(validateBenchResult(JSON.parse(JSON.stringify(r)))).toEqual(r);
    probe.bootSamples = probe.bootSamples.slice(1);
    expect(() => validateBenchResult(r)).toThrow(/probes\[0\]\.bootSamples must be an array with one entry per sample/);
    probe.bootSamples = probe.samplesMs.map(() => ({ detectionMs: 3, clockUncertaintyMs: Number.NaN, phasesMs: {} }));
    expect(() => validateBenchResult(r)).toThrow(/bootSamples\[0\]\.clockUncertaintyMs must be a finite number/);
  });
  it("names the bad field", () => {
    const r = sampleBenchResult() as unknown as { probes: { samplesMs: unknown }[] };
    r.probes[0]!.samplesMs = [1, "x"];
    expect(() => validateBenchResult(r)).toThrow(/probes\[0\]\.samplesMs/);
  });
  it("rejects n that does not match the samples", () => {
    const r = sampleBenchResult();
    r.probes[0]!.n = 3;
    expect(() => validateBenchResult(r)).toThrow(/n is 3/);
  });
});
