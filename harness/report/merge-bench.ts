import type { BenchProbeResult, BenchResult } from "../model/bench-schema.ts";
import { summarize } from "../model/statistics.ts";

/**
 * One bench result from shards: each probe's samples concatenated (in shard order) and its statistics
 * recomputed. Environment, versions and warm-up come from the first shard; repetitions add up.
 */
export function mergeBenchResults(results: readonly BenchResult[]): BenchResult {
  const [first] = results;
  if (!first) throw new Error("mergeBenchResults: no bench results to merge");
  const names = [...new Set(results.flatMap((r) => r.probes.map((p) => p.name)))];
  const probes = names.map((name) => mergeProbe(results.flatMap((r) => r.probes.filter((p) => p.name === name))));
  return {
    ...first,
    createdAt: results.map((r) => r.createdAt).sort()[0] ?? first.createdAt,
    repetitions: results.reduce((sum, r) => sum + r.repetitions, 0),
    probes,
  };
}

function mergeProbe(parts: readonly BenchProbeResult[]): BenchProbeResult {
  const base = parts[0]!;
  const samplesMs = parts.flatMap((p) => p.samplesMs);
  const errors = parts.map((p) => p.error).filter((e): e is string => Boolean(e));
  const applicable = parts.some((p) => p.applicable);
  const merged: BenchProbeResult = { ...base, applicable, samplesMs, n: samplesMs.length };
  delete merged.error;
  if (errors.length > 0) merged.error = errors.join("; ");
  if (applicable) delete merged.notApplicableReason;
  if (samplesMs.length === 0) {
    return { ...merged, minMs: null, medianMs: null, p95Ms: null, maxMs: null, meanMs: null, stddevMs: null, madMs: null, ci95MedianMs: null, outliers: [] };
  }
  const s = summarize(samplesMs);
  return {
    ...merged,
    minMs: s.min,
    medianMs: s.median,
    p95Ms: s.p95,
    maxMs: s.max,
    meanMs: s.mean,
    stddevMs: s.stddev,
    madMs: s.mad,
    ci95MedianMs: s.ci95Median,
    outliers: s.outliers,
  };
}
