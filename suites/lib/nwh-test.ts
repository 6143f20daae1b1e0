import path from "node:path";
import { test as base, expect, inject } from "vitest";
import type { Capability } from "../../harness/backend.ts";
import type { Distro } from "../../harness/distro.ts";
import { destructiveSkipReason, unmetRequirement } from "../../harness/distro/requirements.ts";
import { Transcript } from "../../harness/exec/transcript.ts";
import type { Attachment, NwhTestMeta } from "../../harness/model/test-meta.ts";
import { attachmentPath } from "./attachments.ts";
import { pauseAtFirstFailure } from "./debug-at-failure.ts";
import { type Machine, startMachine, stopMachine } from "../../harness/distro/machine.ts";

/** The suite's name: its file name without `.suite.ts`. */
function currentSuiteName(): string {
  const file = expect.getState().testPath ?? "suite";
  return path.basename(file).replace(/\.suite\.ts$/, "");
}

/**
 * The scenario test: `test("name", async ({ distro, requires }) => { ... })`.
 * - `machine` (per file): a fresh distro imported from the run's tarball (or the adopted `--distro`), removed after.
 * - `distro` (per test): the Distro API on that distro with the test's own transcript; after the test the
 *   transcript, diagnostics (collected on failure when no wait did) and attachments go to `task.meta.nwh`.
 * - `requires(...caps)`: skips the test with the reason when the distro lacks a capability.
 * - `destructive()`: skips a system-changing scenario on an adopted distro without --allow-destructive.
 * - `attach(distroPath, name)`: copies a file out of the distro next to the report.
 */
export const test = base
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
  .extend("machine", { scope: "file" }, async ({}, { onCleanup }) => {
    const suite = currentSuiteName();
    const machine = await startMachine(inject("nwhRun"), suite);
    onCleanup(() => stopMachine(machine, suite));
    return machine;
  })
  .extend("attachments", (): Attachment[] => [])
  .extend("distro", async ({ machine, task, attachments }, { onCleanup }): Promise<Distro> => {
    task.file.meta.nwh = machine.meta;
    const distro = machine.distro.withTranscript(new Transcript());
    onCleanup(async () => {
      if (task.result?.state === "fail") machine.hadFailure = true;
      if (task.result?.state === "fail" && machine.run.debug) {
        await pauseAtFirstFailure(machine.run, distro, { suite: currentSuiteName(), name: task.name, file: task.file.filepath, errors: task.result.errors ?? [] });
      }
      if (task.result?.state === "fail" && distro.diagnostics.length === 0) {
        await distro.collectDiagnostics("the test failed").catch(() => {});
      }
      const meta: NwhTestMeta = {
        transcript: [...distro.transcript.entries],
        ...(distro.diagnostics.length ? { diagnostics: distro.diagnostics.join("\n\n") } : {}),
        ...(attachments.length ? { attachments } : {}),
        ...(Object.keys(distro.observedTimingsMs).length ? { timingsMs: { ...distro.observedTimingsMs } } : {}),
      };
      task.meta.nwh = meta;
    });
    return distro;
  })
  .extend("requires", ({ machine, skip }) => (...needs: Capability[]): void => {
    const reason = unmetRequirement(needs, machine.capabilities, machine.backend.kind);
    if (reason) skip(reason);
  })
  .extend("destructive", ({ machine, skip }) => (): void => {
    const reason = destructiveSkipReason(machine.run);
    if (reason) skip(reason);
  })
  .extend("attach", ({ machine, distro, task, attachments }) => async (distroPath: string, name = path.basename(distroPath)): Promise<string> => {
    const hostPath = attachmentPath(machine.run.reportsDir, task.file.name, task.name, name);
    await distro.copyToHost(distroPath, hostPath);
    attachments.push({ name, path: hostPath });
    return hostPath;
  });

export type { Machine };
export { describe, expect } from "vitest";
