import { describe, expect, it } from "vitest";
import { compareMarkdown } from "./compare-markdown.ts";
import { compareBenchResults, parseThreshold } from "./compare-results.ts";
import { benchResultFromSamples, normalSamples } from "./sample-bench-result.ts";

const PROBES = { import: 4000, "first-start": 2500, "cold-instance-start": 800, "time-to-running": 900, "rebuild-switch": 6000, terminate: 150 };

/** A result set with 10 samples per probe, ~5% noise; `slower` scales chosen probes. */
function resultSet(seed: number, slower: Record<string, number> = {}) {
  return benchResultFromSamples(
    Object.fromEntries(Object.entries(PROBES).map(([name, ms], i) => [name, normalSamples(10, ms * (slower[name] ?? 1), ms * 0.05, seed * 100 + i)])),
  );
}

describe("compareBenchResults", () => {
  it("flags exactly the probe made 30% slower", () => {
    const c = compareBenchResults([{ label: "A", result: resultSet(1) }, { label: "B", result: resultSet(2, { "time-to-running": 1.3 }) }], { failIfSlower: 0.15 });
    const flagged = c.probes.filter((p) => p.runs[1]!.verdict !== "same").map((p) => p.name);
    expect(flagged).toEqual(["time-to-running"]);
    expect(c.regressions.map((r) => r.probe)).toEqual(["time-to-running"]);
    const delta = c.probes.find((p) => p.name === "time-to-running")!.runs[1]!;
    expect(delta.ratio).toBeGreaterThan(1.2);
    expect(delta.p).toBeLessThan(0.001);
  });

  it("takes medians from the samples, not from a file's summary fields", () => {
    const a = resultSet(4);
    const b = structuredClone(resultSet(5));
    for (const probe of b.probes) probe.medianMs = (probe.medianMs ?? 0) * 3;
    const c = compareBenchResults([{ label: "A", result: a }, { label: "B", result: b }], { failIfSlower: 0.15 });
    expect(c.regressions).toEqual([]);
    for (const p of c.probes) expect(p.runs[1]!.ratio!).toBeLessThan(1.2);
  });

  it("never calls a probe faster or slower when its ratio interval contains 1", () => {
    const same = normalSamples(40, 1000, 1, 7);
    const shifted = same.map((ms, i) => (i % 2 === 0 ? ms : ms + 0.001));
    const c = compareBenchResults([{ label: "A", result: benchResultFromSamples({ x: same }) }, { label: "B", result: benchResultFromSamples({ x: shifted }) }]);
    const delta = c.probes[0]!.runs[1]!;
    if (delta.ratioCi95![0] <= 1 && delta.ratioCi95![1] >= 1) expect(delta.verdict).toBe("same");
  });

  it("flags nothing for a set compared with itself", () => {
    const a = resultSet(3);
    const c = compareBenchResults([{ label: "A", result: a }, { label: "A again", result: a }], { failIfSlower: 0.15 });
    expect(c.probes.every((p) => p.runs[1]!.verdict === "same" && p.runs[1]!.ratio === 1)).toBe(true);
    expect(c.regressions).toEqual([]);
  });

  it("flags nothing for sets drawn from the same distribution, over many seeds", () => {
    let flagged = 0;
    let comparisons = 0;
    for (let seed = 10; seed < 60; seed++) {
      const c = compareBenchResults([{ label: "A", result: resultSet(seed) }, { label: "B", result: resultSet(seed + 1000) }], { failIfSlower: 0.15 });
      expect(c.regressions).toEqual([]);
      comparisons += c.probes.length;
      flagged += c.probes.filter((p) => p.runs[1]!.verdict !== "same").length;
    }
    // Both tests at alpha 0.05 must agree: the false-positive rate stays below alpha.
    expect(flagged / comparisons).toBeLessThan(0.05);
  });

  it("does not call a 10% slowdown a regression at a 15% threshold, but does call it slower", () => {
    const c = compareBenchResults([{ label: "A", result: resultSet(4) }, { label: "B", result: resultSet(5, { "rebuild-switch": 1.1 }) }], { failIfSlower: 0.15 });
    expect(c.probes.find((p) => p.name === "rebuild-switch")!.runs[1]!.verdict).toBe("slower");
    expect(c.regressions).toEqual([]);
  });

  it("compares three runs against the first and lists probes missing in some runs as n/a", () => {
    const a = resultSet(6);
    const b = resultSet(7, { import: 0.7 });
    const c3 = benchResultFromSamples({ import: normalSamples(10, 4000, 200, 9), extra: [1, 2, 3] });
    const c = compareBenchResults([{ label: "A", result: a }, { label: "B", result: b }, { label: "C", result: c3 }]);
    const imp = c.probes.find((p) => p.name === "import")!;
    expect(imp.runs.map((d) => d.verdict)).toEqual(["same", "faster", "same"]);
    expect(c.probes.find((p) => p.name === "extra")!.runs.map((d) => d.verdict)).toEqual(["n/a", "n/a", "n/a"]);
    expect(c.probes.find((p) => p.name === "terminate")!.runs[2]!.verdict).toBe("n/a");
  });

  it("renders a markdown table naming the regression", () => {
    const c = compareBenchResults([{ label: "a.json", result: resultSet(1) }, { label: "b.json", result: resultSet(2, { "time-to-running": 1.3 }) }], { failIfSlower: 0.15 });
    const md = compareMarkdown(c);
    expect(md).toMatch(/\| probe \| A median \| B median \(ratio, p\) \|/);
    expect(md).toMatch(/\| time-to-running \| \d+ ms \| \d+ ms \(×1\.\d\d, p<0\.001\) \*\*REGRESSION\*\* \|/);
    expect(md).toMatch(/\*\*Regressions:\*\* time-to-running in b\.json/);
    expect(md.match(/REGRESSION/g)).toHaveLength(1);
  });
});

describe("parseThreshold", () => {
  it.each([
    ["15%", 0.15],
    ["15", 0.15],
    ["0.15", 0.15],
    ["2.5%", 0.025],
  ])("%s -> %d", (text, fraction) => expect(parseThreshold(text)).toBeCloseTo(fraction, 12));
  it.each(["", "abc", "-5%", "0%", "15 percent"])("refuses %j", (text) => expect(() => parseThreshold(text)).toThrow(/--fail-if-slower/));
});
