import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exec } from "../exec/index.ts";
import { MAX_FAILURE_BODY_BYTES, MAX_SYSTEM_OUT_BYTES, utf8Bytes } from "./bounded-text.ts";
import { runSamples, TESTDATA_DIR } from "./testdata/run-samples.ts";

// The points the common JUnit consumers (GitHub's test-report actions, GitLab, Jenkins) read, checked on the
// junit.xml a real vitest run of testdata/consumers writes: failures, a timeout, a skip and attachments.
type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", textNodeName: "#text", parseTagValue: false, parseAttributeValue: false, trimValues: false, isArray: (name) => ["testsuite", "testcase", "property"].includes(name) });
const SAMPLE = "failures.sample.ts";
const SAMPLE_SOURCE = readFileSync(path.join(TESTDATA_DIR, "consumers", SAMPLE), "utf8");
const reportsDir = mkdtempSync(path.join(os.tmpdir(), "nwh-consumers-"));
afterAll(() => rmSync(reportsDir, { recursive: true, force: true }));

let xml = "";
let root: Node = {};
let cases: Node[] = [];
let wallMs = 0;
const byName = (name: string) => cases.find((c) => c["@name"] === `consumers > ${name}`)!;
const text = (node: unknown) => (typeof node === "string" ? node : String((node as Node)["#text"] ?? ""));

beforeAll(async () => {
  const started = performance.now();
  await runSamples("consumers", reportsDir);
  wallMs = performance.now() - started;
  xml = readFileSync(path.join(reportsDir, "junit.xml"), "utf8");
  root = (parser.parse(xml) as Node).testsuites as Node;
  cases = (root.testsuite as Node[]).flatMap((s) => s.testcase as Node[]);
});

describe("junit.xml as the consumers read it", () => {
  test("every testcase has its repo-relative file; failing ones the line of the first frame in it", () => {
    expect(cases).toHaveLength(4);
    for (const c of cases) expect(c["@file"]).toBe(SAMPLE);
    const expectLine = SAMPLE_SOURCE.split("\n").findIndex((line) => line.includes("// FAILING-EXPECT")) + 1;
    expect(byName("fails with a long transcript, diagnostics and captures")["@line"]).toBe(String(expectLine));
    expect(byName("times out")["@line"]).toMatch(/^\d+$/);
    expect(byName("passes")["@line"]).toBeUndefined();
    expect(byName("skips with a reason")["@line"]).toBeUndefined();
  });

  test("stack frames read `at NAME (file:L:C)` with repo-relative paths; no absolute path of this machine", () => {
    const body = text(byName("fails with a long transcript, diagnostics and captures").failure);
    const frames = body.split("\n").filter((line) => /^\s+at /.test(line));
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toMatch(/^ {4}at \S.* \([^()\s]+:\d+:\d+\)$/);
    expect(frames[0]).toMatch(new RegExp(`^ {4}at checkUnit \\(${SAMPLE.replace(".", "\\.")}:\\d+:\\d+\\)$`));
    expect(xml).not.toContain(TESTDATA_DIR);
  });

  test("a skip's reason is its text and its message", () => {
    const skipped = byName("skips with a reason").skipped as Node;
    expect(skipped["@message"]).toBe("needs capability wslg (running on the docker backend)");
    expect(text(skipped)).toBe("needs capability wslg (running on the docker backend)");
  });

  test("type is the error class and the body starts with exactly the message", () => {
    const assertion = byName("fails with a long transcript, diagnostics and captures").failure as Node;
    expect(assertion["@type"]).toBe("AssertionError");
    expect(assertion["@message"]).toBe("expected 'inactive' to be 'active' // Object.is equality");
    expect(text(assertion).startsWith(`${assertion["@message"]}\n`)).toBe(true);
    const timeout = byName("times out").failure as Node;
    expect(timeout["@type"]).toBe("TimeoutError");
    expect(text(timeout).startsWith(String(timeout["@message"]))).toBe(true);
  });

  test("the root time is the run's wall-clock span, not a sum", () => {
    const rootSeconds = Number(root["@time"]);
    const suites = root.testsuite as Node[];
    const span = Math.max(...suites.map((s) => Date.parse(propertyOf(s, "started.at")!) + Number(s["@time"]) * 1000)) - Math.min(...suites.map((s) => Date.parse(propertyOf(s, "started.at")!)));
    expect(rootSeconds * 1000).toBeCloseTo(span, -1);
    expect(rootSeconds * 1000).toBeLessThanOrEqual(wallMs);
  });

  test("a failure body holds the message, the stack and the last commands, within 60 KB; the whole transcript only once", () => {
    const c = byName("fails with a long transcript, diagnostics and captures");
    const body = text(c.failure);
    const out = text(c["system-out"]);
    expect(utf8Bytes(body)).toBeLessThanOrEqual(MAX_FAILURE_BODY_BYTES);
    expect(body).toMatch(/--- last \d+ of 40 commands \(all of them: system-out\) ---/);
    expect(body).toContain("$ systemctl status unit-39.service  (exit 3, 5 ms)");
    expect(body).not.toContain("unit-0.service");
    // The transcript (about 150 KB) is cut in system-out too, and kept whole as an attachment it names.
    expect(utf8Bytes(out)).toBeLessThanOrEqual(MAX_SYSTEM_OUT_BYTES + 1000);
    const transcript = /^\[\[ATTACHMENT\|(.+transcript\.txt)\]\]$/m.exec(out)?.[1];
    expect(transcript).toBeDefined();
    expect(out).toContain(`the whole text: ${transcript}`);
    const whole = readFileSync(path.join(reportsDir, transcript!), "utf8");
    expect(whole).toContain("unit-0.service");
    expect(whole).toContain("unit-39.service");
    expect(utf8Bytes(whole)).toBeGreaterThan(MAX_SYSTEM_OUT_BYTES);
  });

  test("a failing case carries its attachments, the PNG first; every path resolves under the reports dir", () => {
    const out = text(byName("fails with a long transcript, diagnostics and captures")["system-out"]);
    const attachments = [...out.matchAll(/^\[\[ATTACHMENT\|(.+)\]\]$/gm)].map((m) => m[1]!);
    expect(attachments[0]).toMatch(/root-window\.png$/);
    expect(attachments.map((a) => path.basename(a))).toEqual(["root-window.png", "root-window.xwd", "diagnostics.txt", "transcript.txt"]);
    for (const a of attachments) expect(existsSync(path.join(reportsDir, a)), a).toBe(true);
  });

  test("suite properties have stable keys: no test names in them", () => {
    for (const suite of root.testsuite as Node[]) {
      const keys = ((suite.properties as Node).property as Node[]).map((p) => String(p["@name"]));
      for (const key of keys) expect(key).toMatch(/^[\w.-]+$/);
    }
  });

  test("validates against the default dialect's schema", async () => {
    const result = await exec(["xmllint", "--noout", "--schema", path.join(import.meta.dirname, "schema", "junit.xsd"), path.join(reportsDir, "junit.xml")], { timeoutMs: 30_000 });
    expect(result.exitCode, result.stderr).toBe(0);
  });
});

function propertyOf(suite: Node, name: string): string | undefined {
  const property = ((suite.properties as Node).property as Node[]).find((p) => p["@name"] === name);
  return property?.["@value"] as string | undefined;
}
