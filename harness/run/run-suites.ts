import { holdSignals } from "../exec/process-end.ts";
import path from "node:path";
import type { CancelReason } from "vitest";
import type { Reporter } from "vitest/node";
import { createVitest } from "vitest/node";
import { type HostFatal, HostFatalWatcher } from "./host-fatal-watcher.ts";
import type { RunContext } from "../model/run-context.ts";
import { startWatchdog } from "./run-watchdog.ts";
import { WATCHDOG_CANCEL_REASON, WATCHDOG_GRACE_MS } from "../model/watchdog-stop.ts";
import { PACKAGE_ROOT } from "./suite-files.ts";
import { runExclusivePhaseOneFileAtATime } from "./exclusive-phase.ts";
import { EXCLUSIVE_PROJECT, PARALLEL_PROJECT } from "../model/suite-phase.ts";

export interface SuiteRunOptions {
  context: RunContext;
  files: string[];
  testNamePattern?: string;
  shard?: string;
  concurrency: number;
  reporters: Reporter[];
  /**
   * Called once the run starts, with a way to end it early (finished results stay in the reports); returns what
   * stops it again. `nwh run --debug` reads the terminal here.
   */
  whileRunning?: (endRun: () => void) => () => void;
  /** Per test and per hook (fixture) timeouts instead of the suites project's (a --debug pause may be long). */
  timeoutsMs?: { test: number; hook: number };
  /** A failed test runs again up to this many times (vitest's `retry`). */
  retries?: number;
  /** The whole run's limit: on expiry the run is cancelled as by Ctrl-C and `timedOut` is set. */
  timeoutMs?: number;
  /** Told why, when the harness itself stops the run (the watchdog, a host-fatal error), before it cancels. */
  onStop?: (reason: string) => void;
}

export interface SuiteRunOutcome {
  failed: number;
  interrupted: boolean;
  /** The run-wide timeout expired. */
  timedOut: boolean;
  /** A suite file met an error no other file can get past; the run was stopped at once. */
  hostFatal?: HostFatal;
}

const CANCEL_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Runs the scenario suites in vitest's two suite projects (the parallel phase, then the exclusive one), with the run
 * context handed to the workers.
 * The first SIGINT/SIGTERM cancels the run (finished results stay in the reports); the caller cleans up.
 */
export async function runSuites(options: SuiteRunOptions): Promise<SuiteRunOutcome> {
  process.env.NWH_RUN_CONTEXT = JSON.stringify(options.context);
  let stopRun = () => {};
  const hostFatal = new HostFatalWatcher(() => stopRun());
  const signalListenersBefore = new Map(CANCEL_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const vitest = await createVitest(
    {
      root: PACKAGE_ROOT,
      config: path.join(PACKAGE_ROOT, "vitest.config.ts"),
      project: [PARALLEL_PROJECT, EXCLUSIVE_PROJECT],
      watch: false,
      testNamePattern: options.testNamePattern,
      shard: options.shard,
      maxWorkers: options.concurrency,
      fileParallelism: options.concurrency > 1,
      passWithNoTests: false,
      retry: options.retries ?? 0,
      reporters: [hostFatal, ...options.reporters],
      ...(options.timeoutsMs ? { testTimeout: options.timeoutsMs.test, hookTimeout: options.timeoutsMs.hook } : {}),
    },
    {},
    { stdout: process.stderr },
  );
  runExclusivePhaseOneFileAtATime(vitest);
  // vitest's terminal logger ends the process 1 ms after SIGINT/SIGTERM, before any cleanup could run; here the
  // first signal cancels the run instead, and the caller removes what it created.
  for (const signal of CANCEL_SIGNALS) {
    for (const listener of process.listeners(signal)) if (!signalListenersBefore.get(signal)?.has(listener)) process.off(signal, listener);
  }
  let interrupted = false;
  const cancel = () => {
    if (interrupted) {
      process.stderr.write(`nwh: interrupted again; exiting now (remove what is left with: nwh cleanup --run-id ${options.context.runId})\n`);
      process.exit(130);
    }
    interrupted = true;
    process.stderr.write("\nnwh: interrupted; stopping the run and cleaning up (finished results stay in the reports)\n");
    void vitest.cancelCurrentRun("keyboard-input");
  };
  const releaseSignals = holdSignals(cancel);
  const stopWatching = options.whileRunning?.(() => void vitest.cancelCurrentRun("keyboard-input"));
  stopRun = () => {
    options.onStop?.(`the host cannot run distros: ${hostFatal.found?.fix ?? ""}`);
    process.stderr.write(`\nnwh: ${hostFatal.found?.message ?? "the host cannot run distros"}\nnwh: stopping the run: ${hostFatal.found?.fix ?? ""}\n`);
    void vitest.cancelCurrentRun("keyboard-input");
  };
  let graceTimer: NodeJS.Timeout | undefined;
  const watchdog = startWatchdog(options.timeoutMs, () => {
    options.onStop?.(`the run's --timeout (${Math.round((options.timeoutMs ?? 0) / 1000)} s) expired`);
    process.stderr.write(`\nnwh: the run's --timeout (${Math.round((options.timeoutMs ?? 0) / 1000)} s) expired; stopping the run: the running tests get ${WATCHDOG_GRACE_MS / 1000} s for their failure bundles and clean-up (finished results stay in the reports)\n`);
    // The workers see this reason and collect the stopped tests' failure bundles before their files' clean-up.
    void vitest.cancelCurrentRun(WATCHDOG_CANCEL_REASON as CancelReason);
    // A second cancel while the first is pending makes vitest kill the workers; the sweep after the run removes the rest.
    graceTimer = setTimeout(() => {
      process.stderr.write(`nwh: the stopped tests' grace (${WATCHDOG_GRACE_MS / 1000} s) is used up; killing the workers\n`);
      void vitest.cancelCurrentRun(WATCHDOG_CANCEL_REASON as CancelReason);
    }, WATCHDOG_GRACE_MS);
    graceTimer.unref();
  });
  try {
    await vitest.start(options.files);
    return {
      failed: vitest.state.getCountOfFailedTests() + vitest.state.getUnhandledErrors().length,
      interrupted,
      timedOut: watchdog.fired,
      ...(hostFatal.found ? { hostFatal: hostFatal.found } : {}),
    };
  } finally {
    stopWatching?.();
    watchdog.stop();
    clearTimeout(graceTimer);
    releaseSignals();
    await vitest.close();
  }
}
