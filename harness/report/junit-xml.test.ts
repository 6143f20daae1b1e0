import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { exec } from "../exec/index.ts";
import { sampleSuites } from "./html/sample-suites.ts";
import { parseJunit } from "./junit-parse.ts";
import { serializeReport } from "./junit-xml.ts";
import type { SuiteReport } from "./report-model.ts";

const SCHEMA = path.join(import.meta.dirname, "schema", "junit.xsd");
const JENKINS_SCHEMA = path.join(import.meta.dirname, "schema", "junit-jenkins.xsd");
const work = mkdtempSync(path.join(os.tmpdir(), "nwh-junit-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function validate(xml: string, schema = SCHEMA): Promise<{ exitCode?: number; stderr: string }> {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return exec(["xmllint", "--noout", "--schema", schema, file], { timeoutMs: 30_000 });
}

describe("serializeReport", () => {
  test("writes every status, properties, suite output and attachments in the common JUnit schema", async () => {
    const xml = serializeReport(sampleSuites());
    const result = await validate(xml);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(xml).toContain('<testsuites name="nixos-wsl-harness" tests="5" failures="1" errors="1"');
    expect(xml).toContain('<skipped message="needs capability windows-host (running on the docker backend)">needs capability windows-host (running on the docker backend)</skipped>');
    expect(xml).toContain('<failure message="Test timed out in 30000ms." type="TimeoutError">');
    expect(xml).toContain('file="suites/networking.suite.ts" line="42"');
    expect(xml).toContain('<error message="interrupted: SIGINT received" type="interrupted"/>');
    expect(xml).toContain("[[ATTACHMENT|attachments/suites-networking.suite.ts/journal/journal.txt]]");
    expect(xml).toContain('<property name="timing.import.ms" value="8123"/>');
    expect(xml).toContain('<testsuite file="suites/networking.suite.ts" name="suites/networking.suite.ts"');
  });

  test("the jenkins dialect drops what Jenkins xunit's junit-10.xsd rejects (testcase file and line), and its schema rejects them", async () => {
    const jenkins = serializeReport(sampleSuites(), "jenkins");
    const result = await validate(jenkins, JENKINS_SCHEMA);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(jenkins).not.toMatch(/<testcase [^>]*(file|line)=/);
    // Nothing else differs: the default dialect less the testcase file and line is the jenkins one.
    expect(serializeReport(sampleSuites()).replace(/(<testcase [^\n]*time="[\d.]+") file="[^"]*"(?: line="\d+")?/g, "$1")).toBe(jenkins);
    expect((await validate(serializeReport(sampleSuites()), JENKINS_SCHEMA)).exitCode).not.toBe(0);
    expect((await validate(jenkins.replace("<testsuites ", '<testsuites skipped="1" '), JENKINS_SCHEMA)).exitCode).not.toBe(0);
    expect((await validate(jenkins.replace('time="15.3"', 'time="1e3"'), JENKINS_SCHEMA)).exitCode).not.toBe(0);
  });

  test("survives CDATA terminators, markup and characters XML forbids, and reads back the same", async () => {
    const nasty = "a ]]> b <tag> & \"q\" \u0000\u001b[31mred\u001b[0m \uFFFE end";
    const suites: SuiteReport[] = [
      {
        name: "s.ts",
        file: "s.ts",
        durationMs: 1,
        properties: { "odd<name>": 'va"lue & more' },
        output: nasty,
        cases: [
          { classname: "s.ts", name: "n ]]> <x>", status: "failed", durationMs: 2, failure: { message: 'm "<>"', type: "AssertionError", detail: nasty }, output: nasty },
          { classname: "s.ts", name: "skip", status: "skipped", durationMs: 0, skipReason: "r ]]> <x> \"q\"" },
        ],
      },
    ];
    const xml = serializeReport(suites);
    const result = await validate(xml);
    expect(result.exitCode, result.stderr).toBe(0);
    const [back] = parseJunit(xml);
    const expected = "a ]]> b <tag> & \"q\" [31mred[0m  end";
    expect(back!.cases[0]).toMatchObject({ name: "n ]]> <x>", status: "failed", failure: { message: 'm "<>"', type: "AssertionError", detail: expected }, output: expected });
    expect(back!.cases[1]!.skipReason).toBe("r ]]> <x> \"q\"");
    expect(back!.properties).toEqual({ "odd<name>": 'va"lue & more' });
    expect(back!.output).toBe(expected);
  });

  test("an empty run is a valid document", async () => {
    const xml = serializeReport([]);
    expect((await validate(xml)).exitCode).toBe(0);
    expect(parseJunit(xml)).toEqual([]);
  });
});

describe("parseJunit", () => {
  test("reads other tools' JUnit (nested suites, text skipped, failures without message)", () => {
    const xml = `<?xml version="1.0"?><testsuites><testsuite name="outer" tests="2"><testsuite name="inner" tests="2" time="1,234.5">
      <testcase name="a" classname="c" time="0.5"><failure>boom\nline 2</failure></testcase>
      <testcase name="b"><skipped>not today</skipped></testcase></testsuite></testsuite></testsuites>`;
    const suites = parseJunit(xml);
    expect(suites.map((s) => s.name)).toEqual(["outer", "inner"]);
    expect(suites[1]!.durationMs).toBe(1_234_500);
    expect(suites[1]!.cases[0]).toMatchObject({ name: "a", status: "failed", durationMs: 500, failure: { message: "boom", detail: "boom\nline 2" } });
    expect(suites[1]!.cases[1]).toMatchObject({ name: "b", classname: "inner", status: "skipped", skipReason: "not today" });
  });

  test("names the file that is not JUnit", () => {
    expect(() => parseJunit("<html></html>", "shard-1/junit.xml")).toThrow("shard-1/junit.xml is not a JUnit report");
  });
});
