import type { Vitest } from "vitest/node";
import { EXCLUSIVE_PROJECT } from "../model/suite-phase.ts";

/**
 * The exclusive phase (harness/model/suite-phase.ts) runs one file at a time whatever --concurrency says: vitest's
 * maxWorkers from the command line overrides every project's own, so the resolved project gets 1 back here, before
 * the run starts. Its later group order already keeps it after the parallel phase.
 */
export function runExclusivePhaseOneFileAtATime(vitest: Vitest): void {
  for (const project of vitest.projects) if (project.name === EXCLUSIVE_PROJECT) project.config.maxWorkers = 1;
}
