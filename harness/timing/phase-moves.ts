import type { BootSample } from "../model/bench-schema.ts";
import { BOOT_PHASES } from "./boot-instants.ts";
import { mannWhitneyU, median } from "../model/statistics.ts";

/** How one boot phase changed between a baseline run and another. */
export interface PhaseMove {
  phase: string;
  baselineMedianMs: number;
  medianMs: number;
  /** medianMs − baselineMedianMs. */
  deltaMs: number;
  /** Two-sided Mann-Whitney U p-value of the phase's samples. */
  p: number;
}

/** Every phase both runs report, largest increase first. */
export function phaseMoves(baseline: readonly BootSample[], run: readonly BootSample[]): PhaseMove[] {
  const values = (samples: readonly BootSample[], phase: string) => samples.map((b) => b.phasesMs[phase]).filter((v): v is number => v !== undefined);
  const phases = [...new Set([...BOOT_PHASES, ...baseline.flatMap((b) => Object.keys(b.phasesMs))])];
  const moves: PhaseMove[] = [];
  for (const phase of phases) {
    const a = values(baseline, phase);
    const b = values(run, phase);
    if (a.length === 0 || b.length === 0) continue;
    const baselineMedianMs = median(a);
    const medianMs = median(b);
    moves.push({ phase, baselineMedianMs, medianMs, deltaMs: medianMs - baselineMedianMs, p: mannWhitneyU(a, b).p });
  }
  return moves.sort((x, y) => y.deltaMs - x.deltaMs);
}

/**
 * The phase that moved when a probe got slower: the largest increase that is significant (p < alpha), else the
 * largest increase when none is (then `significant` is false); undefined when no phase grew.
 */
export function movedPhase(moves: readonly PhaseMove[], alpha: number): { move: PhaseMove; significant: boolean } | undefined {
  const grown = moves.filter((m) => m.deltaMs > 0);
  const significant = grown.find((m) => m.p < alpha);
  if (significant) return { move: significant, significant: true };
  return grown[0] ? { move: grown[0], significant: false } : undefined;
}
