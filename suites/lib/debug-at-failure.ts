import path from "node:path";
import type { Distro } from "../../harness/distro.ts";
import { enterCommandFor } from "../../harness/distro/machine.ts";
import { formatEntry, tail } from "../../harness/exec/transcript.ts";
import { awaitAnswer, claimPause } from "../../harness/model/debug-pause.ts";
import type { RunContext } from "../../harness/model/run-context.ts";

/** What the fixture knows of the failed test. */
export interface FailedTest {
  suite: string;
  name: string;
  file: string;
  errors: readonly { message?: string; name?: string }[];
}

/**
 * `nwh run --debug`: at the run's first failure, the distro stays up and the worker waits until the person at the
 * terminal answers (Enter or q; `nwh run` shows the failure and reads the key). Later failures do not pause.
 */
export async function pauseAtFirstFailure(run: RunContext, distro: Distro, failed: FailedTest): Promise<void> {
  const first = failed.errors[0];
  const failure = `${first?.name && !first.message?.startsWith(first.name) ? `${first.name}: ` : ""}${first?.message ?? "(no message)"}`.split("\n").slice(0, 8).join("\n");
  const claimed = claimPause(run.workDir, {
    suite: failed.suite,
    test: failed.name,
    file: path.relative(process.cwd(), failed.file) || failed.file,
    failure,
    transcriptTail: tail(distro.transcript.entries.slice(-3).map(formatEntry).join("\n"), 1500),
    distro: distro.name,
    enter: enterCommandFor(run, distro.name),
    backend: run.backend,
  });
  if (claimed) await awaitAnswer(run.workDir);
}
