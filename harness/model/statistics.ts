/**
 * Descriptive statistics and tests for timing samples. Pure functions; randomness only through a seeded PRNG,
 * so every figure is reproducible from the samples.
 */

export interface SampleSummary {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
  /** Sample standard deviation (divides by n - 1); 0 for n = 1. */
  stddev: number;
  /** Median absolute deviation from the median, unscaled (multiply by 1.4826 for a normal-consistent sigma). */
  mad: number;
  /** 95% bootstrap percentile interval of the median. */
  ci95Median: [number, number];
  /** Indices of samples outside Tukey's far-out fences (see tukeyOutliers). */
  outliers: number[];
}

export const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;
export const DEFAULT_SEED = 0x5eed;

/** Summarises samples (at least one). */
export function summarize(samples: readonly number[], options: { seed?: number; resamples?: number } = {}): SampleSummary {
  if (samples.length === 0) throw new RangeError("summarize: no samples");
  const sorted = sortedCopy(samples);
  const med = quantileSorted(sorted, 0.5);
  return {
    n: samples.length,
    min: sorted[0]!,
    median: med,
    p95: quantileSorted(sorted, 0.95),
    max: sorted[sorted.length - 1]!,
    mean: mean(samples),
    stddev: stddev(samples),
    mad: median(samples.map((x) => Math.abs(x - med))),
    ci95Median: bootstrapMedianCi(samples, { seed: options.seed, resamples: options.resamples }),
    outliers: tukeyOutliers(samples),
  };
}

export function mean(samples: readonly number[]): number {
  let sum = 0;
  for (const x of samples) sum += x;
  return sum / samples.length;
}

export function stddev(samples: readonly number[]): number {
  if (samples.length < 2) return 0;
  const m = mean(samples);
  let sq = 0;
  for (const x of samples) sq += (x - m) ** 2;
  return Math.sqrt(sq / (samples.length - 1));
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Quantile with linear interpolation between closest ranks (R type 7, numpy's default). */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new RangeError("quantile: no samples");
  return quantileSorted(sortedCopy(samples), q);
}

function quantileSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function sortedCopy(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}

/**
 * Outliers by Tukey's far-out fences: below Q1 - 3·IQR or above Q3 + 3·IQR. The factor 3 (not the usual 1.5)
 * because boot timings are right-skewed and a 1.5 fence flags ordinary slow starts; a far-out value means
 * something else happened (a stall, a retry). Flagged, never removed: the statistics include them.
 */
export function tukeyOutliers(samples: readonly number[], k = 3): number[] {
  if (samples.length < 4) return [];
  const q1 = quantile(samples, 0.25);
  const q3 = quantile(samples, 0.75);
  const iqr = q3 - q1;
  const lo = q1 - k * iqr;
  const hi = q3 + k * iqr;
  const out: number[] = [];
  samples.forEach((x, i) => {
    if (x < lo || x > hi) out.push(i);
  });
  return out;
}

/** mulberry32: a small seeded PRNG with uniform output in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resample(samples: readonly number[], random: () => number): number[] {
  const out = new Array<number>(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[Math.floor(random() * samples.length)]!;
  return out;
}

/** 95% (or `level`) percentile bootstrap interval of the median. */
export function bootstrapMedianCi(samples: readonly number[], options: { seed?: number; resamples?: number; level?: number } = {}): [number, number] {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const b = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const medians: number[] = [];
  for (let i = 0; i < b; i++) medians.push(median(resample(samples, random)));
  return percentileInterval(medians, options.level ?? 0.95);
}

/** Percentile bootstrap interval of median(b) / median(a), resampling both sets independently. */
export function bootstrapMedianRatioCi(
  a: readonly number[],
  b: readonly number[],
  options: { seed?: number; resamples?: number; level?: number } = {},
): [number, number] {
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const count = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const ratios: number[] = [];
  for (let i = 0; i < count; i++) ratios.push(median(resample(b, random)) / median(resample(a, random)));
  return percentileInterval(ratios, options.level ?? 0.95);
}

function percentileInterval(values: number[], level: number): [number, number] {
  const sorted = sortedCopy(values);
  const alpha = (1 - level) / 2;
  return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)];
}

export interface MannWhitneyResult {
  /** U of the first sample (number of pairs where a > b, ties counting one half). */
  u: number;
  /** Two-sided p-value. */
  p: number;
  method: "exact" | "normal";
}

/** Largest n1·n2 for which the exact null distribution is computed (only without ties). */
const EXACT_LIMIT = 400;

/**
 * Two-sided Mann-Whitney U test. Exact null distribution when there are no ties and n1·n2 <= 400;
 * otherwise the normal approximation with tie correction and continuity correction
 * (as scipy.stats.mannwhitneyu with method "exact" / "asymptotic").
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("mannWhitneyU: both samples need at least one value");
  const { ranks, tieGroups } = rank([...a, ...b]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const hasTies = tieGroups.some((t) => t > 1);
  if (!hasTies && n1 * n2 <= EXACT_LIMIT) return { u: u1, p: exactTwoSidedP(u1, n1, n2), method: "exact" };

  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  let tieSum = 0;
  for (const t of tieGroups) tieSum += t ** 3 - t;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieSum / (n * (n - 1)));
  if (variance <= 0) return { u: u1, p: 1, method: "normal" };
  const z = (Math.abs(u1 - mu) - 0.5) / Math.sqrt(variance);
  const p = Math.min(1, 2 * normalSurvival(Math.max(0, z)));
  return { u: u1, p, method: "normal" };
}

/** Ranks 1..n with ties given their average rank; tieGroups holds the size of every group of equal values. */
function rank(values: readonly number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  const tieGroups: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = avg;
    tieGroups.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieGroups };
}

/** P(|U - mu| >= |u - mu|) under H0, from the count of rank arrangements per U value. */
function exactTwoSidedP(u: number, n1: number, n2: number): number {
  const counts = uDistribution(n1, n2);
  const total = counts.reduce((s, c) => s + c, 0);
  const mu = (n1 * n2) / 2;
  const d = Math.abs(u - mu);
  let tail = 0;
  counts.forEach((c, value) => {
    if (Math.abs(value - mu) >= d - 1e-9) tail += c;
  });
  return Math.min(1, tail / total);
}

/** counts[u] = number of arrangements of n1 a's and n2 b's with statistic u (recurrence f(m,n,u)=f(m-1,n,u-n)+f(m,n-1,u)). */
function uDistribution(n1: number, n2: number): number[] {
  const max = n1 * n2;
  // table[m][n] is the distribution for sizes (m, n); built bottom-up.
  let prev: number[][] = [];
  for (let m = 0; m <= n1; m++) {
    const row: number[][] = [];
    for (let n = 0; n <= n2; n++) {
      const dist = new Array<number>(m * n + 1).fill(0);
      if (m === 0 || n === 0) dist[0] = 1;
      else {
        const left = prev[n]!; // (m-1, n): shift by n
        const down = row[n - 1]!; // (m, n-1)
        for (let u = 0; u < dist.length; u++) dist[u] = (u - n >= 0 && u - n < left.length ? left[u - n]! : 0) + (u < down.length ? down[u]! : 0);
      }
      row.push(dist);
    }
    prev = row;
  }
  const result = prev[n2]!;
  return result.length === max + 1 ? result : [...result, ...new Array<number>(max + 1 - result.length).fill(0)];
}

/** 1 - Φ(z), via the complementary error function (Numerical Recipes erfc, |error| < 1.2e-7). */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
