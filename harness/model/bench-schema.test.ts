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
  it("rejects another schemaVersion", () => {
    expect(() => validateBenchResult({ ...sampleBenchResult(), schemaVersion: 2 })).toThrow(/schemaVersion 2/);
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
