import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { LABEL_RUN } from "../container/systemd-container-flags.ts";
import { exec } from "../exec/run.ts";
import { MAX_SYSTEM_OUT_BYTES } from "../report/bounded-text.ts";
import { parseJunit } from "../report/junit-parse.ts";
import { suiteStartMs } from "../report/run-span.ts";
import { isExclusiveSuiteFile } from "../model/suite-phase.ts";
import { waitUntil } from "../wait.ts";
import { PACKAGE_ROOT } from "./suite-files.ts";

// The main job as a user runs it: `nwh run` on the Docker backend against the stand-in.
const NWH = path.join(PACKAGE_ROOT, "bin", "nwh.js");

/** The containers a run left, by its run label (other runs may share the Docker engine); the id is read from its JUnit. */
async function containersLeftBy(junit: string): Promise<string[]> {
  const runId = /<property name="run\.id" value="([^"]+)"/.exec(junit)?.[1];
  expect(runId, "the report names its run id").toMatch(/^nwh-/);
  const result = await exec(["docker", "ps", "-aq", "--filter", `label=${LABEL_RUN}=${runId}`], { timeoutMs: 30_000, check: true });
  return result.stdout.split("\n").filter(Boolean);
}

function count(xml: string, tag: string): number {
  return xml.match(new RegExp(`<${tag}[\\s>/]`, "g"))?.length ?? 0;
}

/** What JUnit consumers read on a real run (harness/report/junit-consumers.test.ts checks the same on failures). */
function expectConsumerReadable(junit: string, html: string): void {
  const suites = parseJunit(junit);
  for (const c of suites.flatMap((s) => s.cases)) expect(c.file).toMatch(/^suites\/[\w-]+(\.exclusive)?\.suite\.ts$/);
  // Two suite files at a time: the root time is the wall-clock span, less than the sum of the suite times.
  const rootSeconds = Number(/<testsuites [^>]*time="([\d.]+)"/.exec(junit)?.[1]);
  const sum = suites.reduce((total, s) => total + s.durationMs, 0);
  expect(rootSeconds * 1000).toBeLessThan(sum);
  expect(rootSeconds * 1000).toBeGreaterThanOrEqual(Math.max(...suites.map((s) => s.durationMs)));
  for (const [, message, text] of junit.matchAll(/<skipped message="([^"]*)">([^<]*)<\/skipped>/g)) expect(text).toBe(message);
  expect(count(junit, "skipped")).toBe(junit.match(/<skipped message="[^"]*">[^<]+<\/skipped>/g)?.length);
  for (const s of suites) for (const key of Object.keys(s.properties)) expect(key).toMatch(/^[\w.-]+$/);
  for (const out of junit.matchAll(/<system-out><!\[CDATA\[([\s\S]*?)\]\]><\/system-out>/g)) expect(Buffer.byteLength(out[1]!)).toBeLessThanOrEqual(MAX_SYSTEM_OUT_BYTES + 1_000);
  const capture = suites.flatMap((s) => s.cases).find((c) => c.attachments?.some((a) => a.endsWith(".xwd")));
  if (capture) expect(capture.attachments![0]).toMatch(/\.png$/);
  expect(html.match(/<g class="suite-bar/g)).toHaveLength(suites.length);
}

/** The exclusive phase's files (wsl --shutdown) start only once every file of the parallel phase has ended. */
function expectExclusivePhaseAfterTheParallelOne(junit: string): void {
  const suites = parseJunit(junit);
  const exclusive = suites.filter((s) => isExclusiveSuiteFile(s.file));
  const parallel = suites.filter((s) => !isExclusiveSuiteFile(s.file));
  expect(exclusive.map((s) => s.file), "the exclusive phase's files").toContain("suites/systemd.exclusive.suite.ts");
  const parallelEnd = Math.max(...parallel.map((s) => (suiteStartMs(s) ?? Number.POSITIVE_INFINITY) + s.durationMs));
  for (const s of exclusive) expect(suiteStartMs(s), `${s.file} started before the parallel phase ended`).toBeGreaterThanOrEqual(parallelEnd);
}

describe("nwh run (Docker backend, stand-in)", () => {
  test("runs the suites, writes a JUnit report that names the stand-in, and leaves no container behind", async () => {
    const reportsDir = mkdtempSync(path.join(os.tmpdir(), "nwh-run-"));
    const result = await exec([process.execPath, NWH, "run", "--backend", "docker", "--reports-dir", reportsDir], { timeoutMs: 600_000, cwd: PACKAGE_ROOT });
    const junit = readFileSync(path.join(reportsDir, "junit.xml"), "utf8");
    expect(result.exitCode, result.stderr).toBe(0);
    expect(count(junit, "testcase")).toBeGreaterThan(10);
    expect(junit).toMatch(/<property name="standin" value="true/);
    expect(junit).toMatch(/<skipped message="[^"]*windows-host/);
    expect(count(junit, "failure")).toBe(0);
    expectConsumerReadable(junit, readFileSync(path.join(reportsDir, "report.html"), "utf8"));
    expectExclusivePhaseAfterTheParallelOne(junit);
    expect(await containersLeftBy(junit)).toEqual([]);
  });

  test("SIGINT midway stops the run, keeps the finished cases in a valid report and removes every container", async () => {
    const reportsDir = mkdtempSync(path.join(os.tmpdir(), "nwh-sigint-"));
    const junitFile = path.join(reportsDir, "junit.xml");
    const child = spawn(process.execPath, [NWH, "run", "--backend", "docker", "--suite", "systemd", "--suite", "rebuild", "--concurrency", "1", "--reports-dir", reportsDir], {
      cwd: PACKAGE_ROOT,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await waitUntil(async () => existsSync(junitFile) && count(readFileSync(junitFile, "utf8"), "testcase") >= 2, { timeoutMs: 300_000, what: "two finished cases in junit.xml" });
      child.kill("SIGINT");
      const code = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 120_000))]);
      expect(code, stderr).toBe(130);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    const junit = readFileSync(junitFile, "utf8");
    const lint = await exec(["xmllint", "--noout", junitFile], { timeoutMs: 30_000 });
    expect(lint.exitCode, lint.stderr).toBe(0);
    expect(count(junit, "testcase")).toBeGreaterThanOrEqual(2);
    expect(await containersLeftBy(junit)).toEqual([]);
  });
});
