import path from "node:path";
import { test as base, expect, inject } from "vitest";
import type { Capability, StartedDistro } from "../../harness/backend.ts";
import type { Distro } from "../../harness/distro.ts";
import { destructiveSkipReason, shutdownSkipReason, unmetRequirement } from "../../harness/distro/requirements.ts";
import { EXCLUSIVE_SUITE_SUFFIX, isExclusiveSuiteFile, suiteNameOf } from "../../harness/model/suite-phase.ts";
import { Transcript } from "../../harness/exec/transcript.ts";
import type { Attachment, NwhTestMeta } from "../../harness/model/test-meta.ts";
import { attachmentPath } from "./attachments.ts";
import { pauseAtFirstFailure } from "./debug-at-failure.ts";
import { DistroSetupError } from "./distro-setup-error.ts";
import { collectFailureBundle, type HostSide } from "./failure-bundle.ts";
import type { Machine } from "../../harness/distro/machine.ts";
import { MachineSlot } from "./machine-slot.ts";
import { isWatchdogStop, WATCHDOG_BUNDLE_MS } from "../../harness/model/watchdog-stop.ts";

/** The suite's name: its file name without `.suite.ts` (or `.exclusive.suite.ts`). */
function currentSuiteName(): string {
  return suiteNameOf(expect.getState().testPath ?? "suite");
}

/**
 * The scenario test: `test("name", async ({ distro, requires }) => { ... })`.
 * - `machine`: the file's distro, imported once from the run's tarball (or the adopted `--distro`), removed after
 *   the file. A failed import or boot fails the first test that needs it; the file's other tests skip naming it.
 *   A retry whose distro stopped answering gets a fresh import.
 * - `distro` (per test): the Distro API on that distro with the test's own transcript; after the test the
 *   transcript, diagnostics (collected on failure when no wait did) and attachments go to `task.meta.nwh`; a
 *   failed attempt also attaches its failure bundle (journal, failed units, systemd-analyze, dmesg, wsl.conf...).
 * - `requires(...caps)`: skips the test with the reason when the distro lacks a capability.
 * - `destructive()`: skips a system-changing scenario on an adopted distro without --allow-destructive.
 * - `stopsEveryDistro()`: for a test that runs `wsl --shutdown` (`distro.shutdownAll()`): only in a
 *   `<suite>.exclusive.suite.ts` file (the exclusive phase, no other distro of the run running); skipped on an
 *   adopted distro without --allow-destructive, since it stops the user's other distros too.
 * - `attach(distroPath, name)`: copies a file out of the distro next to the report.
 */
export const test = base
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
  .extend("machineSlot", { scope: "file" }, async ({}, { onCleanup }) => {
    const slot = new MachineSlot(inject("nwhRun"), currentSuiteName());
    onCleanup(() => slot.stop());
    return slot;
  })
  .extend("machine", async ({ machineSlot, task, skip }): Promise<Machine> => {
    const retryCount = task.result?.retryCount ?? 0;
    try {
      if (retryCount === 0) return await machineSlot.acquire();
      // The test that met a setup error imports again on its retry (one import per attempt); the others' retries
      // keep the distro when it still answers.
      return machineSlot.setupFailedIn === task.id ? await machineSlot.setUpAgain() : await machineSlot.healthyOrReplaced();
    } catch (error) {
      if (!(error instanceof DistroSetupError)) throw error;
      machineSlot.setupFailedIn ??= task.id;
      if (machineSlot.setupFailedIn !== task.id) skip(`not run: ${firstLine(error.message)} (reported once, in the file's first test)`);
      // The suite's <system-out> has every import's transcript, once each; a retry's own import is also its
      // <rerunError>'s <system-out> (a new import's error, not the first one again).
      task.file.meta.nwh = { transcript: machineSlot.setupTranscript(error) };
      if (retryCount > 0) {
        const previous = task.meta.nwh as NwhTestMeta | undefined;
        task.meta.nwh = { attempts: [...withEarlierAttempts(previous, retryCount), { index: retryCount, transcript: error.transcript }] };
      }
      throw error;
    }
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
      // A test the run's --timeout stopped is reported as an interrupted error: it gets its bundle too, in less time.
      const stoppedByWatchdog = task.result?.state === "skip" && isWatchdogStop(task.context.signal.reason);
      if (task.result?.state === "fail" || stoppedByWatchdog) {
        const target = {
          reportsDir: machine.run.reportsDir,
          suite: task.file.name,
          test: task.name,
          attempt: task.result?.retryCount ?? 0,
          ...(stoppedByWatchdog ? { deadlineMs: WATCHDOG_BUNDLE_MS } : {}),
        };
        const hostFacts = await machine.distro.handle.hostFacts().catch(() => ({}));
        // Its own transcript: the bundle's commands are not the test's.
        attachments.push(...(await collectFailureBundle(machine.distro.withTranscript(new Transcript()), target, hostFacts, hostSideOf(machine.distro.handle)).catch(() => [])));
      }
      const attempt = {
        transcript: [...distro.transcript.entries],
        ...(distro.diagnostics.length ? { diagnostics: distro.diagnostics.join("\n\n") } : {}),
      };
      const previous = task.meta.nwh as NwhTestMeta | undefined;
      // A retry keeps the earlier attempts' attachments (their failure bundles) next to its own.
      const allAttachments = [...((task.result?.retryCount ?? 0) > 0 ? (previous?.attachments ?? []) : []), ...attachments];
      const meta: NwhTestMeta = {
        ...attempt,
        ...(allAttachments.length ? { attachments: allAttachments } : {}),
        ...(Object.keys(distro.observedTimingsMs).length ? { timingsMs: { ...distro.observedTimingsMs } } : {}),
        // Retries: every attempt's transcript, so that the report shows what each earlier failure ran.
        attempts: [...withEarlierAttempts(previous, task.result?.retryCount ?? 0), { index: task.result?.retryCount ?? 0, ...attempt }],
      };
      task.meta.nwh = meta;
    });
    return distro;
  })
  .extend("requires", ({ machine, skip }) => (...needs: Capability[]): void => {
    const reason = unmetRequirement(needs, machine.capabilities, machine.run.backend);
    if (reason) skip(reason);
  })
  .extend("destructive", ({ machine, skip }) => (): void => {
    const reason = destructiveSkipReason(machine.run);
    if (reason) skip(reason);
  })
  .extend("stopsEveryDistro", ({ machine, task, skip }) => (): void => {
    if (!isExclusiveSuiteFile(task.file.filepath)) {
      throw new Error(`a test that stops every distro must be in a <suite>${EXCLUSIVE_SUITE_SUFFIX} file (the exclusive phase): here it would stop the distros of the suite files running beside ${task.file.name}`);
    }
    const reason = shutdownSkipReason(machine.run);
    if (reason) skip(reason);
  })
  .extend("attach", ({ machine, distro, task, attachments }) => async (distroPath: string, name = path.basename(distroPath)): Promise<string> => {
    const hostPath = attachmentPath(machine.run.reportsDir, task.file.name, task.name, name);
    await distro.copyToHost(distroPath, hostPath);
    attachments.push({ name, path: hostPath });
    return hostPath;
  });

/** The backend's part of a failure bundle, or why it has none. */
function hostSideOf(distro: StartedDistro): HostSide {
  const diagnostics = distro.hostDiagnostics;
  if (diagnostics) return { diagnostics };
  return { notApplicable: `wsl -l -v, .wslconfig: not applicable: the ${distro.kind} backend has no WSL VM (its distros share this host's kernel)` };
}

/** The attempts recorded before this one (vitest keeps the task's meta across its retries). */
function withEarlierAttempts(previous: NwhTestMeta | undefined, retryCount: number): NonNullable<NwhTestMeta["attempts"]> {
  if (retryCount === 0 || !previous?.attempts) return [];
  return previous.attempts.filter((a) => a.index < retryCount);
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

export type { Machine };
export { describe, expect } from "vitest";
