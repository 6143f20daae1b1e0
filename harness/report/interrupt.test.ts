import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

test("SIGINT in the middle of a vitest run leaves a valid junit.xml with the finished cases and the running one as an error", async () => {
  const junit = path.join(reportsDir, "junit.xml");
  const vitestBin = path.join(process.cwd(), "node_modules", "vitest", "vitest.mjs");
  const run = exec(
    [process.execPath, vitestBin, "run", "--root", path.join(TESTDATA_DIR, "slow"), "--config", SAMPLES_CONFIG, `--reporter=${path.join(TESTDATA_DIR, "cli-reporter.ts")}`],
    { timeoutMs: 90_000, env: { NWH_SAMPLE_REPORTS_DIR: reportsDir, NWH_SAMPLE_NEVER_FILE: path.join(reportsDir, "never"), CI: "true" } },
  );

  // Signal once steps 1 and 2 are in the file (so step 3 is running).
  const pid = await waitUntil(
    async () => {
      if (!existsSync(junit) || !existsSync(path.join(reportsDir, "vitest.pid"))) return undefined;
      const cases = parseJunit(readFileSync(junit, "utf8")).flatMap((s) => s.cases);
      return cases.length >= 2 ? Number(readFileSync(path.join(reportsDir, "vitest.pid"), "utf8")) : undefined;
    },
    { timeoutMs: 60_000, what: "the first two cases in junit.xml" },
  );
  process.kill(pid, "SIGINT");
  const result = await run;
  expect(result.exitCode ?? result.signal).not.toBe(0);

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
