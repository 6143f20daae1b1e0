import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { LABEL_RUN } from "../backends/docker/systemd-container-flags.ts";
import { exec } from "../exec/run.ts";
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
