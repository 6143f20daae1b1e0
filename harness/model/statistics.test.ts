import { describe, expect, it } from "vitest";
import { bootstrapMedianCi, bootstrapMedianRatioCi, mannWhitneyU, normalSurvival, quantile, seededRandom, summarize, tukeyOutliers } from "./statistics.ts";

// Reference values computed with numpy 2 / scipy 1.17 (np.percentile default, ddof=1, scipy.stats.mannwhitneyu).
describe("summarize", () => {
  const x = [10, 12, 11, 13, 12, 14, 100, 11, 12, 13];
  const s = summarize(x);
  it("matches numpy on the descriptive figures", () => {
    expect(s.n).toBe(10);
    expect(s.min).toBe(10);
    expect(s.max).toBe(100);
    expect(s.median).toBe(12);
    expect(s.p95).toBeCloseTo(61.3, 9);
    expect(s.mean).toBeCloseTo(20.8, 12);
    expect(s.stddev).toBeCloseTo(27.851989755371758, 9);
    expect(s.mad).toBe(1);
  });
  it("flags the far-out value and only it", () => {
    expect(s.outliers).toEqual([6]);
  });
  it("gives a bootstrap interval of the median that holds the median and is reproducible", () => {
    const [lo, hi] = s.ci95Median;
    expect(lo).toBeLessThanOrEqual(12);
    expect(hi).toBeGreaterThanOrEqual(12);
    expect(lo).toBeGreaterThanOrEqual(10);
    expect(hi).toBeLessThanOrEqual(14);
    expect(summarize(x).ci95Median).toEqual(s.ci95Median);
  });
  it("handles one sample", () => {
    expect(summarize([5])).toMatchObject({ n: 1, median: 5, p95: 5, stddev: 0, mad: 0, ci95Median: [5, 5], outliers: [] });
  });
  it("refuses no samples", () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});

describe("quantile", () => {
  it("interpolates linearly between ranks (type 7)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([4, 3, 1, 2], 1)).toBe(4);
  });
});

describe("tukeyOutliers", () => {
  it("flags nothing in a tight sample and nothing below four values", () => {
    expect(tukeyOutliers([100, 101, 102, 103, 104, 105])).toEqual([]);
    expect(tukeyOutliers([1, 1, 1000])).toEqual([]);
  });
  it("flags low and high far-out values", () => {
    expect(tukeyOutliers([0, 50, 51, 52, 53, 54, 500])).toEqual([0, 6]);
  });
});

describe("seededRandom", () => {
  it("is deterministic per seed and in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(xs[0]);
  });
});

describe("bootstrap intervals", () => {
  it("cover the true median of a normal sample at about the nominal rate", () => {
    const random = seededRandom(7);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let covered = 0;
    for (let trial = 0; trial < 200; trial++) {
      const xs = Array.from({ length: 30 }, () => 100 + 10 * normal());
      const [lo, hi] = bootstrapMedianCi(xs, { seed: trial, resamples: 500 });
      if (lo <= 100 && 100 <= hi) covered++;
    }
    expect(covered / 200).toBeGreaterThan(0.88);
    expect(covered / 200).toBeLessThan(0.995);
  });
  it("gives a ratio interval around 1.3 for a set 30% slower", () => {
    const a = [100, 102, 98, 101, 99, 103, 97, 100, 101, 99];
    const b = a.map((x) => x * 1.3);
    const [lo, hi] = bootstrapMedianRatioCi(a, b);
    expect(lo).toBeGreaterThan(1.2);
    expect(hi).toBeLessThan(1.4);
  });
});

describe("mannWhitneyU", () => {
  it("exact, fully separated 5 vs 5 (scipy: U=0, p=0.0079365)", () => {
    const r = mannWhitneyU([1.1, 2.2, 3.3, 4.4, 5.5], [6.1, 7.2, 8.3, 9.4, 10.5]);
    expect(r).toMatchObject({ u: 0, method: "exact" });
    expect(r.p).toBeCloseTo(0.007936507936507936, 12);
  });
  it("exact, unequal sizes (scipy: U=17, p=0.11111)", () => {
    const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
    expect(r.u).toBe(17);
    expect(r.p).toBeCloseTo(0.1111111111111111, 12);
  });
  it("normal approximation with ties and continuity correction (scipy: U=7.5, p=0.010515)", () => {
    const r = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5], [3, 4, 4, 5, 5, 6, 7, 7]);
    expect(r).toMatchObject({ u: 7.5, method: "normal" });
    expect(r.p).toBeCloseTo(0.010515245935858907, 5);
  });
  it("normal approximation for large samples without ties (scipy: U=90, p=1.6516e-5)", () => {
    const a = [1010.368, 1024.649, 1009.913, 960.905, 1027.161, 1013.391, 983.891, 1017.434, 1010.937, 1008.824, 1000.853, 1016.401, 977.906, 995.113, 985.536, 1017.965, 1001.192, 991.226, 976.543, 992.284, 1000.244, 991.732, 1038.822, 1030.202, 918.665];
    const b = [983.33, 1034.757, 1027.334, 1046.409, 1046.52, 1103.535, 1006.639, 1028.672, 1101.283, 1059.401, 1059.892, 1024.58, 990.558, 1045.024, 1043.27, 1003.179, 1019.503, 1037.839, 1011.657, 1037.052, 1042.864, 1041.068, 1024.811, 1057.812, 1066.735];
    const r = mannWhitneyU(a, b);
    expect(r).toMatchObject({ u: 90, method: "normal" });
    expect(r.p / 1.6516032355380008e-5).toBeCloseTo(1, 4);
  });
  it("gives p = 1 for identical samples", () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5]).p).toBe(1);
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3]).p).toBe(1);
  });
});

describe("normalSurvival", () => {
  it("matches known values", () => {
    expect(normalSurvival(0)).toBeCloseTo(0.5, 7);
    expect(normalSurvival(1.959963984540054)).toBeCloseTo(0.025, 7);
    expect(normalSurvival(-1)).toBeCloseTo(0.8413447460685429, 7);
  });
});
