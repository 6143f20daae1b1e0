import path from "node:path";
import type { Reporter } from "vitest/node";
import { createVitest } from "vitest/node";
import type { RunContext } from "../model/run-context.ts";
import { PACKAGE_ROOT } from "./suite-files.ts";

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
}

export interface SuiteRunOutcome {
  failed: number;
  interrupted: boolean;
}

const CANCEL_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Runs the scenario suites in vitest's `suites` project, with the run context handed to the workers.
 * The first SIGINT/SIGTERM cancels the run (finished results stay in the reports); the caller cleans up.
 */
export async function runSuites(options: SuiteRunOptions): Promise<SuiteRunOutcome> {
  process.env.NWH_RUN_CONTEXT = JSON.stringify(options.context);
  const signalListenersBefore = new Map(CANCEL_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const vitest = await createVitest(
    {
      root: PACKAGE_ROOT,
      config: path.join(PACKAGE_ROOT, "vitest.config.ts"),
      project: ["suites"],
      watch: false,
      testNamePattern: options.testNamePattern,
      shard: options.shard,
      maxWorkers: options.concurrency,
      fileParallelism: options.concurrency > 1,
      passWithNoTests: false,
      reporters: options.reporters,
      ...(options.timeoutsMs ? { testTimeout: options.timeoutsMs.test, hookTimeout: options.timeoutsMs.hook } : {}),
    },
    {},
    { stdout: process.stderr },
  );
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
  process.on("SIGINT", cancel);
  process.on("SIGTERM", cancel);
  const stopWatching = options.whileRunning?.(() => void vitest.cancelCurrentRun("keyboard-input"));
  try {
    await vitest.start(options.files);
    return { failed: vitest.state.getCountOfFailedTests() + vitest.state.getUnhandledErrors().length, interrupted };
  } finally {
    stopWatching?.();
    process.off("SIGINT", cancel);
    process.off("SIGTERM", cancel);
    await vitest.close();
  }
}
