import type { BenchResult } from "../model/bench-schema.ts";
import { movedPhase, type PhaseMove, phaseMoves } from "./phase-moves.ts";
import { bootstrapMedianRatioCi, mannWhitneyU, median } from "../model/statistics.ts";

/** One run against the baseline (the first run), for one probe. */
export interface ProbeDelta {
  medianMs: number | null;
  /** median / baseline median. */
  ratio: number | null;
  /** 95% bootstrap interval of the ratio of medians. */
  ratioCi95: [number, number] | null;
  /** Two-sided Mann-Whitney U p-value against the baseline samples. */
  p: number | null;
  /**
   * "slower"/"faster" when the difference is significant: p < alpha AND the ratio's 95% interval excludes 1.
   * Requiring both keeps a probe with a few lucky samples from being flagged. "same" otherwise;
   * "n/a" when either side has no samples.
   */
  verdict: "slower" | "faster" | "same" | "n/a";
  /** With a threshold: slower, significant, and ratio > 1 + threshold. */
  regression: boolean;
  /** Boot probes whose runs both carry bootSamples: each phase against the baseline's, largest increase first. */
  phases?: PhaseMove[];
  /** When the probe is slower: the phase that moved (see phase-moves.ts movedPhase). */
  movedPhase?: { phase: string; deltaMs: number; p: number; significant: boolean };
}

export interface ProbeComparison {
  name: string;
  /** One per run, the first being the baseline (its ratio is 1). */
  runs: ProbeDelta[];
}

export interface RunLabel {
  label: string;
  backend: string;
  wslVersion: string;
  kernelVersion: string;
  n: number;
  /** bench.json schema version: 1's boot probes end when the harness noticed, 2's at the distro's instant. */
  schemaVersion: number;
}

export interface BenchComparison {
  alpha: number;
  /** --fail-if-slower as a fraction (0.15), when given. */
  failIfSlower?: number;
  runs: RunLabel[];
  probes: ProbeComparison[];
  /** Probes and runs that regressed beyond the threshold (empty without one). */
  regressions: Array<{ probe: string; run: string; ratio: number; p: number }>;
}

export const DEFAULT_ALPHA = 0.05;

/** Compares every later run with the first, probe by probe (matched by name; probes in any run are listed). */
export function compareBenchResults(
  runs: ReadonlyArray<{ label: string; result: BenchResult }>,
  options: { alpha?: number; failIfSlower?: number; seed?: number } = {},
): BenchComparison {
  if (runs.length < 2) throw new RangeError("compare needs at least two bench results");
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const names: string[] = [];
  for (const run of runs) for (const p of run.result.probes) if (!names.includes(p.name)) names.push(p.name);
  const regressions: BenchComparison["regressions"] = [];
  const probes = names.map((name): ProbeComparison => {
    const found = runs.map((run) => run.result.probes.find((p) => p.name === name));
    const samples = found.map((probe) => (probe?.applicable && probe.samplesMs.length > 0 ? probe.samplesMs : undefined));
    const boots = found.map((probe) => probe?.bootSamples);
    const base = samples[0];
    const deltas = samples.map((s, i): ProbeDelta => {
      // Medians from the samples themselves: a file's summary fields may disagree with its raw samples.
      if (!s || !base) return { medianMs: null, ratio: null, ratioCi95: null, p: null, verdict: "n/a", regression: false };
      const medianMs = median(s);
      const ratio = medianMs / median(base);
      if (i === 0) return { medianMs, ratio: 1, ratioCi95: [1, 1], p: 1, verdict: "same", regression: false };
      const ci = bootstrapMedianRatioCi(base, s, { seed: options.seed });
      const p = mannWhitneyU(base, s).p;
      // The side of 1 the whole interval lies on decides the direction, never the point ratio.
      const verdict = p >= alpha ? "same" : ci[0] > 1 ? "slower" : ci[1] < 1 ? "faster" : "same";
      const regression = options.failIfSlower !== undefined && verdict === "slower" && ratio > 1 + options.failIfSlower;
      if (regression) regressions.push({ probe: name, run: runs[i]!.label, ratio, p });
      const delta: ProbeDelta = { medianMs, ratio, ratioCi95: ci, p, verdict, regression };
      const baseBoots = boots[0];
      const runBoots = boots[i];
      if (baseBoots?.length && runBoots?.length) {
        delta.phases = phaseMoves(baseBoots, runBoots);
        const moved = verdict === "slower" ? movedPhase(delta.phases, alpha) : undefined;
        if (moved) delta.movedPhase = { phase: moved.move.phase, deltaMs: moved.move.deltaMs, p: moved.move.p, significant: moved.significant };
      }
      return delta;
    });
    return { name, runs: deltas };
  });
  return {
    alpha,
    ...(options.failIfSlower !== undefined ? { failIfSlower: options.failIfSlower } : {}),
    runs: runs.map(({ label, result }) => ({
      label,
      backend: result.environment.backend,
      wslVersion: result.environment.wslVersion,
      kernelVersion: result.environment.kernelVersion,
      n: result.repetitions,
      schemaVersion: result.schemaVersion,
    })),
    probes,
    regressions,
  };
}

/** Parses "15%", "15" (percent) or "0.15" (fraction ≤ 1 with a leading 0.) to a fraction; throws naming the value. */
export function parseThreshold(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) throw new RangeError(`--fail-if-slower must be a percentage such as 15% (got "${text}")`);
  const value = Number(m[1]);
  const fraction = m[2] === "%" || value >= 1 ? value / 100 : value;
  if (!(fraction > 0) || fraction >= 10) throw new RangeError(`--fail-if-slower must be between 0% and 1000% (got "${text}")`);
  return fraction;
}
