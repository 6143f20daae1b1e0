/** Each distinct reason a boot phase had no figure, with how many samples gave it (bench.json `phasesAbsent`). */
export function absentPhaseNotes(samples: ReadonlyArray<{ phasesAbsent?: Record<string, string> }>): string[] {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    for (const [phase, reason] of Object.entries(sample.phasesAbsent ?? {})) counts.set(`${phase}: ${reason}`, (counts.get(`${phase}: ${reason}`) ?? 0) + 1);
  }
  return [...counts].map(([note, n]) => `${note} (${n} of ${samples.length} samples)`);
}
