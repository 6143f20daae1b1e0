import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exec } from "../../harness/exec/index.ts";
import { judge } from "./junit-verdict.ts";

const counts = (passed: number, failed = 0, errors = 0, skipped = 0) => ({ tests: passed + failed + errors + skipped, passed, failed, errors, skipped, flaky: 0 });

describe("judge", () => {
  it("does not fail on quarantined failures", () => {
    expect(judge(counts(5, 1), "success", 1).problems).toEqual([]);
    expect(judge(counts(5, 2), "success", 1).problems.join("; ")).toMatch(/2 test\(s\) failed and 0 errored \(1 of them quarantined\)/);
  });

  it("passes when tests passed and none failed", () => {
    expect(judge(counts(5, 0, 0, 2)).problems).toEqual([]);
  });
  it.each([
    ["a failure", counts(5, 1), "success", /1 test\(s\) failed and 0 errored/],
    ["an error", counts(5, 0, 1), "success", /0 test\(s\) failed and 1 errored/],
    ["no test at all", counts(0), "success", /no test ran/],
    ["only skips", counts(0, 0, 0, 4), "success", /no test passed: every test was skipped/],
    ["a broken shard without failing tests", counts(5), "failure", /a shard job ended with "failure" although no reported test failed/],
  ])("fails on %s", (_, c, shards, expected) => {
    expect(judge(c, shards).problems.join("; ")).toMatch(expected);
  });
});

describe("junit-verdict.ts as the workflow runs it", () => {
  const script = fileURLToPath(new URL("./junit-verdict.ts", import.meta.url));
  const junit = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="nixos-wsl-harness" tests="3" failures="1" errors="0">
<testsuite name="systemd" file="suites/systemd.suite.ts" tests="3" failures="1" errors="0" skipped="1">
  <testcase classname="systemd" name="boots" time="1.5"/>
  <testcase classname="systemd" name="user units" time="0.5"><failure message="unit failed" type="AssertionError">trace</failure></testcase>
  <testcase classname="systemd" name="wslg" time="0"><skipped message="needs wslg"/></testcase>
</testsuite>
</testsuites>
`;
  const run = async (xml: string | undefined) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-verdict-"));
    const file = path.join(dir, "junit.xml");
    if (xml !== undefined) writeFileSync(file, xml);
    const env = { GITHUB_OUTPUT: path.join(dir, "output"), GITHUB_STEP_SUMMARY: path.join(dir, "summary") };
    writeFileSync(env.GITHUB_OUTPUT, "");
    writeFileSync(env.GITHUB_STEP_SUMMARY, "");
    const result = await exec([process.execPath, script, file, "success"], { env, timeoutMs: 30_000 });
    return { result, output: readFileSync(env.GITHUB_OUTPUT, "utf8"), summary: readFileSync(env.GITHUB_STEP_SUMMARY, "utf8") };
  };

  it("sets the counts as outputs and fails on the failed test", async () => {
    const { result, output, summary } = await run(junit);
    expect(result.exitCode).toBe(1);
    expect(output).toBe("total=3\npassed=1\nfailed=1\nskipped=1\nflaky=0\n");
    expect(summary).toMatch(/\*\*Gate failed:\*\* 1 test\(s\) failed/);
    expect(result.stdout).toMatch(/::error title=gate::1 test\(s\) failed/);
  });

  it("passes once the failure is gone", async () => {
    const { result, output } = await run(junit.replace(/<failure[^>]*>trace<\/failure>/, ""));
    expect(result.exitCode).toBe(0);
    expect(output).toMatch(/passed=2\nfailed=0/);
  });

  it("fails naming the missing report", async () => {
    const { result } = await run(undefined);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/no merged JUnit report at .*junit\.xml.*did "nwh report merge" run\?/);
  });
});
