import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, expect, test } from "vitest";
import { createVitest } from "vitest/node";
import { exec } from "../exec/index.ts";
import { waitUntil } from "../wait.ts";
import { parseJunit } from "./junit-parse.ts";
import { ReportsReporter } from "./reports-reporter.ts";
import { SAMPLES_CONFIG, TESTDATA_DIR } from "./testdata/run-samples.ts";

const reportsDir = mkdtempSync(path.join(os.tmpdir(), "nwh-interrupt-"));
afterAll(() => rmSync(reportsDir, { recursive: true, force: true }));

async function runSlowSamplesInChild(dir: string, env: Record<string, string> = {}) {
  const vitestBin = path.join(process.cwd(), "node_modules", "vitest", "vitest.mjs");
  mkdirSync(dir, { recursive: true });
  return exec(
    [process.execPath, vitestBin, "run", "--root", path.join(TESTDATA_DIR, "slow"), "--config", SAMPLES_CONFIG, `--reporter=${path.join(TESTDATA_DIR, "cli-reporter.ts")}`],
    { timeoutMs: 90_000, env: { NWH_SAMPLE_REPORTS_DIR: dir, NWH_SAMPLE_NEVER_FILE: path.join(dir, "never"), CI: "true", ...env } },
  );
}

/** Waits until steps 1 and 2 are in junit.xml and step 3 has started; returns the vitest process id. */
async function pidOnceTwoCasesFinished(dir: string): Promise<number> {
  const junit = path.join(dir, "junit.xml");
  const pidFile = path.join(dir, "vitest.pid");
  return waitUntil(
    async () => {
      const started = path.join(dir, "started.txt");
      if (!existsSync(junit) || !existsSync(pidFile) || !existsSync(started)) return undefined;
      if (!readFileSync(started, "utf8").includes("step 3 waits to be interrupted")) return undefined;
      const cases = parseJunit(readFileSync(junit, "utf8")).flatMap((s) => s.cases);
      return cases.length >= 2 ? Number(readFileSync(pidFile, "utf8")) : undefined;
    },
    { timeoutMs: 60_000, what: "the first two cases in junit.xml" },
  );
}

async function expectFinishedCasesAndInterruptedOne(dir: string): Promise<void> {
  const junit = path.join(dir, "junit.xml");
  const validation = await exec(["xmllint", "--noout", "--schema", path.join(import.meta.dirname, "schema", "junit.xsd"), junit], { timeoutMs: 30_000 });
  expect(validation.exitCode, validation.stderr).toBe(0);
  const suites = parseJunit(readFileSync(junit, "utf8"));
  const cases = suites.flatMap((s) => s.cases.map((c) => ({ name: c.name, status: c.status, type: c.failure?.type })));
  expect(cases).toEqual([
    { name: "step 1", status: "passed", type: undefined },
    { name: "step 2", status: "passed", type: undefined },
    { name: "step 3 waits to be interrupted", status: "error", type: "interrupted" },
  ]);
  expect(suites.map((s) => s.name)).toEqual(["steps.sample.ts"]);
}

test.each(["SIGINT", "SIGTERM"] as const)("%s in the middle of a vitest run leaves a valid junit.xml with the finished cases and the running one as an error", async (signal) => {
  const dir = path.join(reportsDir, signal);
  const run = runSlowSamplesInChild(dir);
  process.kill(await pidOnceTwoCasesFinished(dir), signal);
  const result = await run;
  expect(result.exitCode ?? result.signal).not.toBe(0);
  await expectFinishedCasesAndInterruptedOne(dir);
});

test("a crash of the vitest process leaves the same valid file", async () => {
  const dir = path.join(reportsDir, "crash");
  const result = await runSlowSamplesInChild(dir, { NWH_SAMPLE_CRASH_ON_START: "step 3 waits to be interrupted" });
  expect(result.exitCode).not.toBe(0);
  expect(result.stderr).toContain("simulated crash");
  await expectFinishedCasesAndInterruptedOne(dir);
  const interrupted = parseJunit(readFileSync(path.join(dir, "junit.xml"), "utf8"))[0]!.cases[2]!;
  expect(interrupted.failure?.message).toMatch(/^interrupted: process exited \(code [1-9]\d*\) before the run ended$/);
});

test("a run cancelled through vitest's API (as nwh run does on SIGINT) marks the running case as interrupted", async () => {
  const dir = path.join(reportsDir, "cancelled");
  let finished = 0;
  const cancelAfterTwo = {
    onTestCaseResult: () => {
      finished++;
      if (finished === 2) setImmediate(() => void vitest.cancelCurrentRun("keyboard-input"));
    },
  };
  const vitest = await createVitest(
    "test",
    { root: path.join(TESTDATA_DIR, "slow"), config: SAMPLES_CONFIG, watch: false, reporters: [new ReportsReporter({ reportsDir: dir, githubAnnotations: false }), cancelAfterTwo] },
    {},
    { stdout: new Writable({ write: (_c, _e, done) => done() }), stderr: new Writable({ write: (_c, _e, done) => done() }) },
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
  }
  const cases = parseJunit(readFileSync(path.join(dir, "junit.xml"), "utf8")).flatMap((s) => s.cases);
  expect(cases.slice(0, 2).map((c) => c.status)).toEqual(["passed", "passed"]);
  const third = cases.find((c) => c.name === "step 3 waits to be interrupted");
  expect(third).toMatchObject({ status: "error", failure: { type: "interrupted" } });
  expect(cases.some((c) => c.name === "never reached when interrupted" && c.status === "passed")).toBe(false);
});
