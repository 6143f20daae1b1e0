import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { exec } from "../exec/run.ts";
import { parseJunit } from "./junit-parse.ts";
import { serializeReport } from "./junit-xml.ts";
import type { SuiteReport } from "./report-model.ts";

const SCHEMA = path.join(import.meta.dirname, "schema", "junit.xsd");
const failure = (n: number) => ({ message: `attempt ${n} failed`, type: "assertion", detail: `AssertionError: attempt ${n} failed\n    at x.ts:1:1` });
const suites: SuiteReport[] = [
  {
    name: "suites/s.suite.ts",
    file: "suites/s.suite.ts",
    durationMs: 10,
    properties: { "quarantine (always)": "https://example.org/1 until 2999-01-01" },
    cases: [
      { classname: "suites/s.suite.ts", name: "flaky", status: "passed", durationMs: 3, output: "$ echo 2", reruns: [{ status: "failed", failure: failure(1), durationMs: 1, output: "$ echo 1" }] },
      {
        classname: "suites/s.suite.ts",
        name: "always",
        status: "failed",
        durationMs: 3,
        failure: failure(1),
        reruns: [
          { status: "failed", failure: failure(2), durationMs: 1 },
          { status: "error", failure: { ...failure(3), type: "DistroSetupError" }, durationMs: 1 },
        ],
      },
    ],
  },
];

describe("Surefire rerun elements", () => {
  test("a flaky case keeps its failed attempt as <flakyFailure>, a failing one its reruns; valid against the schema, read back whole", async () => {
    const xml = serializeReport(suites);
    expect(xml).toMatch(/<flakyFailure message="attempt 1 failed" type="assertion">\s*<stackTrace><!\[CDATA\[AssertionError: attempt 1 failed[\s\S]*?<system-out><!\[CDATA\[\$ echo 1\]\]><\/system-out>\s*<\/flakyFailure>/);
    expect(xml).toMatch(/<rerunFailure message="attempt 2 failed"/);
    expect(xml).toMatch(/<rerunError message="attempt 3 failed" type="DistroSetupError"/);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "nwh-reruns-")), "junit.xml");
    writeFileSync(file, xml);
    const lint = await exec(["xmllint", "--noout", "--schema", SCHEMA, file], { timeoutMs: 30_000 });
    expect(lint.exitCode, lint.stderr).toBe(0);
    const [read] = parseJunit(xml);
    expect(read?.cases.map((c) => [c.name, c.status, c.reruns?.map((r) => r.status)])).toEqual([
      ["flaky", "passed", ["failed"]],
      ["always", "failed", ["failed", "error"]],
    ]);
    expect(read?.cases[0]?.reruns?.[0]).toMatchObject({ failure: { message: "attempt 1 failed", type: "assertion" }, output: "$ echo 1" });
    expect(read?.cases[1]?.quarantine).toEqual({ reason: "https://example.org/1", expires: "2999-01-01" });
  });
});
