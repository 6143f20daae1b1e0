import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { exec } from "../exec/index.ts";
import type { BenchResult } from "../model/bench-schema.ts";
import { sampleBenchResult } from "../timing/sample-bench-result.ts";
import { median } from "../model/statistics.ts";
import { parseJunit } from "./junit-parse.ts";
import { mergeReports } from "./merge-reports.ts";
import { countSuites } from "./report-model.ts";
import { runSamples } from "./testdata/run-samples.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "nwh-merge-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function junitCounts(dir: string) {
  return countSuites(parseJunit(readFileSync(path.join(dir, "junit.xml"), "utf8"), dir));
}

describe("mergeReports", () => {
  test("two vitest shards merge to the same counts and cases as one unsharded run", async () => {
    const whole = path.join(work, "whole");
    const shard1 = path.join(work, "shard-1");
    const shard2 = path.join(work, "shard-2");
    const merged = path.join(work, "merged");
    const wholeCounts = await runSamples("basic", whole);
    const s1 = await runSamples("basic", shard1, { shard: "1/2" });
    const s2 = await runSamples("basic", shard2, { shard: "2/2" });
    expect(s1.tests).toBeGreaterThan(0);
    expect(s2.tests).toBeGreaterThan(0);
    expect(s1.tests + s2.tests).toBe(wholeCounts.tests);

    const result = await mergeReports({ dirs: [shard1, shard2], out: merged });
    expect(result.counts).toEqual(junitCounts(whole));
    expect(junitCounts(merged)).toEqual(junitCounts(whole));
    const names = (dir: string) => parseJunit(readFileSync(path.join(dir, "junit.xml"), "utf8")).flatMap((s) => s.cases.map((c) => `${c.classname} ${c.name} ${c.status}`)).sort();
    expect(names(merged)).toEqual(names(whole));

    const validation = await exec(["xmllint", "--noout", "--schema", path.join(import.meta.dirname, "schema", "junit.xsd"), path.join(merged, "junit.xml")], { timeoutMs: 30_000 });
    expect(validation.exitCode, validation.stderr).toBe(0);
    expect(readFileSync(path.join(merged, "summary.md"), "utf8")).toContain("4 passed, 3 failed, 3 skipped");
    expect(existsSync(path.join(merged, "report.html"))).toBe(true);
    expect(existsSync(path.join(merged, "attachments", "outcomes.sample.ts", "outcomes-passes-with-a-transcript", "journal.txt"))).toBe(true);
    // file and line survive the merge; the jenkins dialect drops them and validates against junit-10's constraints.
    const locations = (dir: string) => parseJunit(readFileSync(path.join(dir, "junit.xml"), "utf8")).flatMap((s) => s.cases.map((c) => `${c.name} ${c.file} ${c.line ?? "-"}`)).sort();
    expect(locations(merged)).toEqual(locations(whole));
    const jenkins = path.join(work, "merged-jenkins");
    await mergeReports({ dirs: [shard1, shard2], out: jenkins, junitDialect: "jenkins" });
    const jenkinsXml = readFileSync(path.join(jenkins, "junit.xml"), "utf8");
    expect(jenkinsXml).not.toMatch(/<testcase [^\n]*(file|line)="/);
    const strict = await exec(["xmllint", "--noout", "--schema", path.join(import.meta.dirname, "schema", "junit-jenkins.xsd"), path.join(jenkins, "junit.xml")], { timeoutMs: 30_000 });
    expect(strict.exitCode, strict.stderr).toBe(0);
  });

  test("bench.json samples are concatenated per probe and the statistics recomputed", async () => {
    const a = path.join(work, "bench-a");
    const b = path.join(work, "bench-b");
    const out = path.join(work, "bench-merged");
    const first = withSamples(sampleBenchResult(), [100, 110, 120]);
    const second = withSamples(sampleBenchResult(), [130, 500]);
    for (const [dir, result] of [[a, first], [b, second]] as const) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "bench.json"), JSON.stringify(result));
    }
    await mergeReports({ dirs: [a, b], out });
    const merged = JSON.parse(readFileSync(path.join(out, "bench.json"), "utf8")) as BenchResult;
    const probe = merged.probes.find((p) => p.name === "import")!;
    expect(probe.samplesMs).toEqual([100, 110, 120, 130, 500]);
    expect(probe.n).toBe(5);
    expect(probe.medianMs).toBe(median([100, 110, 120, 130, 500]));
    expect(probe.minMs).toBe(100);
    expect(probe.maxMs).toBe(500);
    expect(merged.repetitions).toBe(first.repetitions + second.repetitions);
    expect(readFileSync(path.join(out, "report.html"), "utf8")).toContain('class="bench-chart"');
  });

  test("a directory without reports is named in the error", async () => {
    const empty = path.join(work, "empty");
    mkdirSync(empty, { recursive: true });
    await expect(mergeReports({ dirs: [empty], out: path.join(work, "x") })).rejects.toThrow(`${empty} has neither junit.xml nor bench.json`);
  });
});

function withSamples(result: BenchResult, samplesMs: number[]): BenchResult {
  return { ...result, probes: result.probes.map((p) => (p.applicable ? { ...p, samplesMs, n: samplesMs.length } : p)) };
}
