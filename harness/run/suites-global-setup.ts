import type { TestProject } from "vitest/node";
import type { RunContext } from "../model/run-context.ts";

/** Hands the run's context (set by `nwh run` in NWH_RUN_CONTEXT) to the suite workers as `inject("nwhRun")`. */
export default function provideRunContext(project: TestProject): void {
  const raw = process.env.NWH_RUN_CONTEXT;
  if (!raw) throw new Error("the suites run through `nwh run` (NWH_RUN_CONTEXT is not set); try: npx nwh run --help");
  project.provide("nwhRun", JSON.parse(raw) as RunContext);
}
