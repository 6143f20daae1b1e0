import { appendFileSync, existsSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type BackendKind, DECLARED_CAPABILITIES, type DeclaredCapability, isDeclaredCapability } from "../../backend.ts";
import { backendDescriptor, createBackend, createSweeper } from "../../backends/registry.ts";
import { applyWslConfig, networkingSettings } from "../../backends/wsl/wslconfig.ts";
import { harnessVersion } from "../../model/harness-version.ts";
import { readCommandBasics, startCommandRun } from "../command-setup.ts";
import type { RunContext } from "../../model/run-context.ts";
import { DEFAULT_WSL_IMPORT_MODE, parseWslImportMode } from "../../model/wsl-import-mode.ts";
import { DEBUG_PAUSE_MAX_MS } from "../../model/debug-pause.ts";
import { watchDebugPauses } from "../debug-prompt.ts";
import { type KeptDistro, keptDistroLines, neededByKept, readKeptDistros } from "../../model/kept-distros.ts";
import { DURATION_ACCEPTS, parseDuration } from "../../config/duration.ts";
import { QuarantineBook, todayUtc } from "../../report/quarantine.ts";
import { runVerdict } from "../../run/run-verdict.ts";
import { listSuites, suiteFiles } from "../../run/suite-files.ts";
import { tarballSha256 } from "../../model/tarball-digest.ts";
import { parseJunitDialect } from "../junit-dialect-flag.ts";
import { intFlag, parseCommand } from "../parse-command.ts";
import { UsageError } from "../../model/usage-error.ts";
import { waitUntil } from "../../wait.ts";

/** The suites project's own test and hook timeouts (vitest.config.ts), which a --debug pause extends. */
const DEFAULT_SUITE_TIMEOUTS_MS = { test: 300_000, hook: 600_000 };

/** How long an interrupted run watches for resources that arrive after its first sweep. */
const LATE_LEFTOVER_WINDOW_MS = 30_000;

const definition = {
  name: "run",
  usage: `Usage: nwh run [--tarball FILE] [--backend wsl|docker] [--suite NAME]... [-t PATTERN] [flags]

Imports a fresh distro per suite file, runs the scenario suites against it, writes reports, and removes
everything it created (unless --keep). Exit 0 when every test passed (flaky and quarantined ones included),
1 when one failed, 2 on bad input or a host that cannot run distros, 124 when --timeout expired, 130 when
interrupted.

  --tarball FILE         nixos.wsl or rootfs .tar.gz to import (default on Linux: the stand-in distro)
  --backend wsl|docker   default: wsl on Windows, docker elsewhere
  --suite NAME|FILE      run only this suite (or this .suite.ts file); repeatable (suites: ${listSuitesSafe()})
  -t, --test-name-pattern PATTERN
                         run only tests whose name matches (regular expression)
  --shard i/n            run the i-th of n shards of the suite files (merge with: nwh report merge)
  --concurrency N        suite files in parallel, each on its own distro (default: 2); the exclusive
                         phase (*.exclusive.suite.ts: wsl --shutdown) then runs one file at a time
  --keep                 leave the distros behind for debugging (their names are printed)
  --keep-failed          leave only the distros of suite files that had a failure, named in the summary with
                         the command to enter them; the others are removed (nwh cleanup still finds them)
  --debug                on a terminal only: pause at the first failure with the failure, its transcript tail and
                         the way into the distro; Enter continues the run, q ends it (reports written, distros removed)
  --reports-dir DIR      where junit.xml, summary.md and report.html go (default ./reports)
  --junit-dialect default|jenkins
                         default: testcase file and line for annotations (GitHub, GitLab, Jenkins junit);
                         jenkins: without them, valid against Jenkins xunit's junit-10.xsd
  --wsl-exe PATH         wsl.exe to drive (or NWH_WSL_EXE); e.g. fixtures/wsl-emulator/wsl.exe
  --wsl-import vhd-copy|vhd-in-place|tar
                         wsl: how each suite file gets its fresh distro (default: see README, or NWH_WSL_IMPORT):
                         a copy of the disk of a template imported once per run (WSL's --import --vhd, or the
                         harness's own copy and --import-in-place), or an import of the tarball
  --distro NAME          run against this registered distro instead of importing (never removed)
  --allow-destructive    with --distro: also run scenarios that change the system (rebuild, user change)
  --networking-mode nat|mirrored
                         wsl: run under this networking mode: pins it in %USERPROFILE%\\.wslconfig and runs
                         \`wsl --shutdown\` first (every running distro stops); your file is restored afterwards
  --capability NAME      the machine has NAME, which no backend probes (repeatable; accepted: internet). The
                         scenarios that need it run instead of being skipped (the gate declares internet)
  --retries N            run a failed test again up to N times (default 0): on the same distro, or on a fresh
                         import when the distro stopped answering; passing on a retry makes the test flaky
  --fail-on-flaky        a flaky test fails the run (exit 1)
  --timeout DURATION     limit for the whole run ("90m", "2h"): on expiry the run stops, cleans up, writes
                         valid reports and exits 124
  --config FILE          config file (default ./nwh.config.ts); flags override it`,
  options: {
    tarball: { type: "string" },
    backend: { type: "string" },
    suite: { type: "string", multiple: true },
    "test-name-pattern": { type: "string", short: "t" },
    shard: { type: "string" },
    concurrency: { type: "string" },
    keep: { type: "boolean" },
    "keep-failed": { type: "boolean" },
    debug: { type: "boolean" },
    "reports-dir": { type: "string" },
    "junit-dialect": { type: "string" },
    "wsl-exe": { type: "string" },
    "wsl-import": { type: "string" },
    distro: { type: "string" },
    "allow-destructive": { type: "boolean" },
    "networking-mode": { type: "string" },
    capability: { type: "string", multiple: true },
    retries: { type: "string" },
    "fail-on-flaky": { type: "boolean" },
    timeout: { type: "string" },
    config: { type: "string" },
  },
} as const;

export async function runCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const flags = parsed.values;
  const basics = await readCommandBasics(flags);
  const { config, backendKind, wslExe, log } = basics;
  const files = suiteFiles(flags.suite ?? config.suites ?? []);
  const testNamePattern = checkPattern(flags["test-name-pattern"] ?? config.testNamePattern);
  const shard = checkShard(flags.shard);
  const concurrency = intFlag(flags.concurrency, "--concurrency") ?? config.concurrency ?? 2;
  const distro = flags.distro ?? config.distro;
  const wslImport =
    parseWslImportMode(flags["wsl-import"], "--wsl-import") ?? config.wslImport ?? parseWslImportMode(process.env.NWH_WSL_IMPORT, "NWH_WSL_IMPORT") ?? DEFAULT_WSL_IMPORT_MODE;
  const reportsDir = path.resolve(flags["reports-dir"] ?? config.reportsDir ?? "reports");
  const junitDialect = parseJunitDialect(flags["junit-dialect"]) ?? config.junitDialect ?? "default";
  if (distro && (flags.tarball ?? config.tarball)) throw new UsageError("--distro and --tarball exclude each other: --distro uses an installed distro, --tarball imports a new one");
  if (distro && !backendDescriptor(backendKind).adoptsRegisteredDistros) throw new UsageError(`--distro needs --backend wsl (it names a distro registered with wsl.exe); the ${backendKind} backend imports its own`);
  const networkingMode = parseNetworkingMode(flags["networking-mode"], backendKind);
  const declaredCapabilities = parseDeclaredCapabilities(flags.capability) ?? config.capabilities ?? [];
  const keep = flags.keep ?? config.keep ?? false;
  const keepFailed = flags["keep-failed"] ?? config.keepFailed ?? false;
  const debug = flags.debug ?? false;
  if (debug && !(process.stdin.isTTY && process.stderr.isTTY)) {
    throw new UsageError("--debug needs a terminal (stdin and stderr are not a TTY): it pauses at the first failure and waits for a key; run it in a terminal, or use --keep-failed in scripts and CI");
  }
  if (keep && keepFailed) throw new UsageError("--keep and --keep-failed exclude each other: --keep leaves every distro, --keep-failed only those of files with a failure; pass one");
  const retries = intFlag(flags.retries, "--retries", 0) ?? config.retries ?? 0;
  const failOnFlaky = flags["fail-on-flaky"] ?? config.failOnFlaky ?? false;
  const timeoutMs = parseTimeout(flags.timeout, "--timeout") ?? parseTimeout(config.timeout, "timeout");
  const quarantine = new QuarantineBook(config.quarantine ?? [], todayUtc());

  const { tarball, standin, runId, workDir } = await startCommandRun(basics, { userTarball: flags.tarball ?? config.tarball, adopting: Boolean(distro) });
  mkdirSync(reportsDir, { recursive: true });

  const context: RunContext = {
    runId,
    backend: backendKind,
    tarball,
    tarballSha256: tarball ? await tarballSha256(tarball) : undefined,
    distro,
    allowDestructive: flags["allow-destructive"] ?? config.allowDestructive ?? false,
    keep,
    ...(keepFailed ? { keepFailed } : {}),
    ...(debug ? { debug } : {}),
    wslExe,
    wslImport,
    workDir,
    reportsDir,
    timeouts: basics.timeouts,
    ...(networkingMode ? { networkingMode } : {}),
    ...(declaredCapabilities.length > 0 ? { declaredCapabilities } : {}),
  };
  const backend = await createBackend(backendKind, { runId, workDir, wslExe });
  const runProperties: Record<string, string> = {
    ...(await backend.hostFacts()),
    backend: backendKind,
    "harness.version": harnessVersion(),
    "run.id": runId,
    "host.os": `${process.platform} ${os.release()}`,
    ...(tarball ? { tarball, "tarball.sha256": context.tarballSha256 ?? "" } : { distro: distro ?? "" }),
    ...(standin ? { standin: "true: Linux stand-in distro, not NixOS" } : {}),
    ...(shard ? { shard } : {}),
  };
  log(`Run ${runId}: ${files.length} suite file(s) on the ${backendKind} backend${shard ? `, shard ${shard}` : ""}, concurrency ${concurrency}${retries > 0 ? `, retries ${retries}` : ""}`);
  for (const line of quarantine.expired.map((e) => `nwh: quarantine entry "${e.test}" expired on ${e.expires}; the test counts again and the run fails`)) log(line);

  // Loaded here, not at start-up: vitest is heavy and bad input should fail fast.
  const { runSuites } = await import("../../run/run-suites.ts");
  const { createReporters } = await import("../../report/create-reporters.ts");
  let outcome: Awaited<ReturnType<typeof runSuites>> | undefined;
  const { reporters, reports } = createReporters({
    reportsDir,
    runProperties,
    junitDialect,
    // With --debug the pause is printed between progress lines, so the progress is not redrawn in place.
    tty: Boolean(process.stderr.isTTY) && !process.env.CI && !debug,
    githubSummary: Boolean(process.env.GITHUB_STEP_SUMMARY),
    quarantine,
  });
  // `q` at a --debug pause: the run ends early, so workers may still be making distros when it returns.
  let endedAtPause = false;
  // The mode is the VM's: it takes effect at the next VM start, so WSL is shut down once it is written.
  const pinned = networkingMode ? applyWslConfig(networkingSettings(networkingMode)) : undefined;
  if (pinned) {
    log(`Networking mode ${networkingMode}: pinned in ${pinned.file} for this run (restored afterwards); shutting WSL down so that it applies`);
    await backend.shutdown();
  }
  try {
    outcome = await runSuites({
      context,
      files,
      testNamePattern,
      shard,
      concurrency,
      reporters,
      retries,
      timeoutMs,
      onStop: (reason) => {
        reports.cancelReason = reason;
      },
      ...(debug
        ? {
            whileRunning: (endRun: () => void) =>
              watchDebugPauses({
                workDir,
                endRun: () => {
                  endedAtPause = true;
                  endRun();
                },
              }),
            timeoutsMs: { test: DEFAULT_SUITE_TIMEOUTS_MS.test + DEBUG_PAUSE_MAX_MS, hook: DEFAULT_SUITE_TIMEOUTS_MS.hook + DEBUG_PAUSE_MAX_MS },
          }
        : {}),
    });
  } finally {
    const stoppedEarly = outcome === undefined || outcome.interrupted || outcome.timedOut || outcome.hostFatal !== undefined || endedAtPause;
    await sweepRun(backendKind, runId, wslExe, context.keep, log, stoppedEarly, readKeptDistros(workDir));
    await backend.dispose().catch(() => {});
    pinned?.restore();
  }
  reportKeptDistros(readKeptDistros(workDir), backendKind, reportsDir, log);
  log(`Reports: ${reportsDir}`);
  if (outcome.interrupted) return 130;
  if (outcome.hostFatal) {
    log(`nwh: this host cannot run the ${backendKind} backend's distros: ${outcome.hostFatal.fix}`);
    return 2;
  }
  if (outcome.timedOut) return 124;
  const verdict = runVerdict(reports.suites(), { failOnFlaky, expired: quarantine.expired });
  if (verdict.flaky > 0) log(`Flaky: ${verdict.flaky} test(s) passed only on a retry${failOnFlaky ? "" : " (pass --fail-on-flaky to fail the run on them)"}`);
  for (const problem of verdict.problems) log(`Failed: ${problem}`);
  return verdict.exitCode;
}

function parseTimeout(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined) throw new UsageError(`${what} "${value}" is not ${DURATION_ACCEPTS}`);
  return ms;
}

/**
 * Whatever the suite workers could not remove (a killed worker, an interrupt) goes here. After an interrupt a
 * request the engine had already accepted (a container being created) can land after the first look, so the
 * sweep goes on until two looks in a row find nothing.
 */
async function sweepRun(kind: BackendKind, runId: string, wslExe: string | undefined, keep: boolean, log: (line: string) => void, interrupted: boolean, kept: KeptDistro[]): Promise<void> {
  const sweeper = await createSweeper(kind, { runId, wslExe });
  if (keep) {
    for (const leftover of await sweeper.findLeftovers()) {
      if (!leftover.runScoped) log(`Kept for debugging (--keep): ${leftover.kind} ${leftover.description}`);
      else await sweeper.removeLeftover(leftover).catch((error: unknown) => log(`Could not remove ${leftover.kind} ${leftover.id}: ${(error as Error).message}; try: nwh cleanup`));
    }
    return;
  }
  const sweepOnce = async (): Promise<number> => {
    const leftovers = (await sweeper.findLeftovers()).filter((leftover) => !neededByKept(leftover, kept));
    for (const leftover of leftovers) {
      await sweeper.removeLeftover(leftover).catch((error: unknown) => log(`Could not remove ${leftover.kind} ${leftover.id}: ${(error as Error).message}; try: nwh cleanup`));
    }
    return leftovers.length;
  };
  const found = await sweepOnce();
  if (!interrupted && found === 0) return;
  let quietLooks = 0;
  await waitUntil(
    async () => {
      quietLooks = (await sweepOnce()) === 0 ? quietLooks + 1 : 0;
      return quietLooks >= 2;
    },
    { timeoutMs: LATE_LEFTOVER_WINDOW_MS, what: `run ${runId} to leave nothing behind`, intervalMs: 500, maxIntervalMs: 1_000 },
  ).catch((error: unknown) => log(`${(error as Error).message}; remove the rest with: nwh cleanup --run-id ${runId}`));
}

function parseNetworkingMode(value: string | undefined, backend: BackendKind): "nat" | "mirrored" | undefined {
  if (value === undefined) return undefined;
  if (value !== "nat" && value !== "mirrored") throw new UsageError(`--networking-mode must be "nat" or "mirrored", got "${value}"`);
  if (!backendDescriptor(backend).pinsVmSettings) throw new UsageError(`--networking-mode needs --backend wsl (it is a WSL VM setting in .wslconfig); the ${backend} backend has no VM to set`);
  return value;
}

function checkShard(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be i/n with 1 <= i <= n, got "${value}"`);
  return value;
}

function checkPattern(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    new RegExp(value);
  } catch (error) {
    throw new UsageError(`-t ${JSON.stringify(value)} is not a valid regular expression: ${(error as Error).message}`);
  }
  return value;
}

function listSuitesSafe(): string {
  try {
    return listSuites().join(", ") || "none yet";
  } catch {
    return "none found";
  }
}

function parseDeclaredCapabilities(values: string[] | undefined): DeclaredCapability[] | undefined {
  if (!values) return undefined;
  for (const value of values) {
    if (!isDeclaredCapability(value)) {
      throw new UsageError(`--capability "${value}" cannot be declared; accepted: ${DECLARED_CAPABILITIES.join(", ")} (the other capabilities are probed on the distro)`);
    }
  }
  return [...new Set(values as DeclaredCapability[])];
}

/** `--keep-failed`: each kept distro on stderr and in summary.md, with the command to enter it. */
function reportKeptDistros(kept: KeptDistro[], backend: BackendKind, reportsDir: string, log: (line: string) => void): void {
  if (kept.length === 0) return;
  const lines = keptDistroLines(kept, backend);
  for (const line of lines) log(line);
  const summary = path.join(reportsDir, "summary.md");
  if (existsSync(summary)) appendFileSync(summary, `\n## Kept for debugging\n\n${lines.map((line) => `- ${line.replace(/^Kept for debugging \(--keep-failed\): /, "")}`).join("\n")}\n\nRemove them with: \`nwh cleanup --backend ${backend}\`\n`);
}
