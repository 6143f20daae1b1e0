/** One generation of the system profile (/nix/var/nix/profiles/system-N-link). */
export interface Generation {
  number: number;
  /** As nix-env prints it, e.g. "2026-11-25 06:15:14". */
  date: string;
  current: boolean;
}

/** Parses `nix-env --list-generations` output ("   3   2026-11-25 06:15:14   (current)"). */
export function parseGenerations(output: string): Generation[] {
  const generations: Generation[] = [];
  for (const line of output.split("\n")) {
    const match = /^\s*(\d+)\s+(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\s*(\(current\))?\s*$/.exec(line);
    if (match) generations.push({ number: Number(match[1]), date: match[2] ?? "", current: Boolean(match[3]) });
  }
  return generations;
}
