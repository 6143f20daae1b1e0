import type { QuarantineEntry } from "../config/schema.ts";
import type { QuarantineMark } from "./report-model.ts";
import { suiteNameOf } from "../model/suite-phase.ts";

/** The id a quarantine entry names: `<suite> > <test full name>`, the suite being the file name without `.suite.ts` (or `.exclusive.suite.ts`). */
export function quarantineTestId(suiteFile: string, fullName: string): string {
  return `${suiteNameOf(suiteFile)} > ${fullName}`;
}

/**
 * The config's quarantine, as of `today` (YYYY-MM-DD): live entries mark their tests; expired ones mark nothing and
 * fail the run; live entries that matched no test by the end are warnings.
 */
export class QuarantineBook {
  readonly live: readonly QuarantineEntry[];
  readonly expired: readonly QuarantineEntry[];
  readonly #matched = new Set<string>();

  constructor(entries: readonly QuarantineEntry[], today: string) {
    this.live = entries.filter((e) => e.expires >= today);
    this.expired = entries.filter((e) => e.expires < today);
  }

  mark(suiteFile: string, fullName: string): QuarantineMark | undefined {
    const id = quarantineTestId(suiteFile, fullName);
    const entry = this.live.find((e) => e.test === id);
    if (!entry) return undefined;
    this.#matched.add(entry.test);
    return { reason: entry.reason, expires: entry.expires };
  }

  unmatched(): QuarantineEntry[] {
    return this.live.filter((e) => !this.#matched.has(e.test));
  }

  /** The summary's lines about the quarantine itself: expired entries (they fail the run) and unmatched ones. */
  notes(): string[] {
    return [
      ...this.expired.map((e) => `❌ quarantine entry "${e.test}" expired on ${e.expires} (${e.reason}): fix the test, or extend or remove the entry in nwh.config.ts`),
      ...this.unmatched().map((e) => `⚠️ quarantine entry "${e.test}" matched no test in this run (renamed or removed? filtered out?)`),
    ];
  }
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
