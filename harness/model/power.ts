/**
 * What a run can detect and how precise its median is: the smallest slow-down `nwh compare` would find with 80%
 * power against another run like it, and the half-width of the median's interval for `--precision`.
 */
import { bootstrapMedianCi, mannWhitneyU, median, stddev } from "./statistics.ts";

/** z of the two-sided 5% test and of 80% power. */
const Z_ALPHA_TWO_SIDED_5 = 1.959964;
const Z_POWER_80 = 0.841621;
/**
 * `nwh compare` calls a difference significant when Mann-Whitney U's p < 0.05 and the bootstrap interval of the
 * median ratio excludes 1. The second is the stricter: the median's efficiency relative to the mean on normal data
 * is 2/π (U's would be 3/π), so that is the efficiency used.
 */
const MEDIAN_EFFICIENCY = 2 / Math.PI;

/**
 * The smallest slow-down (a fraction of the median, 0.05 = 5% slower) that `nwh compare` (alpha 0.05) finds
 * with 80% power when comparing this run with another of the same n and spread:
 * (z₀.₉₇₅ + z₀.₈) · σ · √(2 / (n · 2/π)) / median, σ the sample standard deviation (the normal approximation;
 * it errs towards too small for n below about 10). Infinity when no difference could be significant at this n
 * (even two wholly separate sets give p ≥ 0.05, as with n = 3 per side); null without two samples.
 */
export function detectableSlowdown(samples: readonly number[]): number | null {
  if (samples.length < 2) return null;
  const n = samples.length;
  const separated = mannWhitneyU(
    Array.from({ length: n }, (_, i) => i),
    Array.from({ length: n }, (_, i) => n + i),
  );
  if (separated.p >= 0.05) return Number.POSITIVE_INFINITY;
  const med = median(samples);
  if (!(med > 0)) return null;
  return ((Z_ALPHA_TWO_SIDED_5 + Z_POWER_80) * stddev(samples) * Math.sqrt(2 / (n * MEDIAN_EFFICIENCY))) / med;
}

/** The larger half of the median's 95% bootstrap interval as a fraction of the median (0.03 = ±3%); null without a median > 0. */
export function medianCiHalfWidth(samples: readonly number[], options: { seed?: number } = {}): number | null {
  if (samples.length === 0) return null;
  const med = median(samples);
  if (!(med > 0)) return null;
  const [lo, hi] = bootstrapMedianCi(samples, { seed: options.seed });
  return Math.max(hi - med, med - lo) / med;
}

/** Parses "3%", "3" (percent) or "0.03" to a fraction; throws naming the flag and value. */
export function parsePercent(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) throw new RangeError(`${flag} must be a percentage such as 3% (got "${text}")`);
  const value = Number(m[1]);
  const fraction = m[2] === "%" || value >= 1 ? value / 100 : value;
  if (!(fraction > 0) || fraction >= 1) throw new RangeError(`${flag} must be between 0% and 100% (got "${text}")`);
  return fraction;
}
