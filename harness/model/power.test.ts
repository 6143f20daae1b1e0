import { describe, expect, it } from "vitest";
import { detectableSlowdown, medianCiHalfWidth, parsePercent } from "./power.ts";
import { bootstrapMedianRatioCi, mannWhitneyU, seededRandom } from "./statistics.ts";

/** Normal samples (Box-Muller) from a seeded generator. */
function normal(n: number, mean: number, sd: number, random: () => number): number[] {
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

describe("detectableSlowdown", () => {
  it("is (1.96 + 0.84)·σ·√(2/(n·2/π))/median", () => {
    const samples = [90, 95, 100, 105, 110, 100, 100, 100, 100, 100];
    const sd = Math.sqrt(((10 ** 2 + 5 ** 2) * 2) / 9);
    expect(detectableSlowdown(samples)).toBeCloseTo((2.801585 * sd * Math.sqrt(2 / (10 * (2 / Math.PI)))) / 100, 6);
  });
  it("is Infinity when n is too small for any Mann-Whitney p below 0.05, null without two samples", () => {
    expect(detectableSlowdown([100, 101, 102])).toBe(Number.POSITIVE_INFINITY);
    expect(detectableSlowdown([100])).toBeNull();
  });
  it("a slow-down of that size is found about 80% of the time by compare's test (simulated)", () => {
    const random = seededRandom(7);
    const n = 20;
    const base = normal(n, 1000, 50, random);
    const mde = detectableSlowdown(base)!;
    let found = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const a = normal(n, 1000, 50, random);
      const b = normal(n, 1000 * (1 + mde), 50, random);
      if (mannWhitneyU(a, b).p < 0.05 && bootstrapMedianRatioCi(a, b, { resamples: 300, seed: t })[0] > 1) found++;
    }
    process.stderr.write(`simulated power at the detectable slow-down (${(mde * 100).toFixed(1)}%): ${found / trials}\n`);
    expect(found / trials).toBeGreaterThan(0.6);
    expect(found / trials).toBeLessThan(0.92);
  });
});

describe("medianCiHalfWidth", () => {
  it("shrinks with more samples of the same spread", () => {
    const random = seededRandom(3);
    const few = medianCiHalfWidth(normal(5, 1000, 50, random))!;
    const many = medianCiHalfWidth(normal(80, 1000, 50, random))!;
    expect(many).toBeLessThan(few);
    expect(many).toBeLessThan(0.03);
  });
});

describe("parsePercent", () => {
  it("reads 3%, 3 and 0.03 alike and names the flag when wrong", () => {
    expect(parsePercent("3%", "--precision")).toBeCloseTo(0.03);
    expect(parsePercent("3", "--precision")).toBeCloseTo(0.03);
    expect(parsePercent("0.03", "--precision")).toBeCloseTo(0.03);
    expect(() => parsePercent("abc", "--precision")).toThrow(/--precision must be a percentage/);
    expect(() => parsePercent("0%", "--precision")).toThrow(/between 0% and 100%/);
  });
});
