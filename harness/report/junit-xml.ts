import junitReportBuilder, { type Builder, type TestCase } from "junit-report-builder";
import { pngFirst } from "./attachments.ts";
import { caseLocationAttributes, type JunitDialect } from "./junit-dialect.ts";
import { withReruns } from "./junit-reruns.ts";
import { type Counts, countCases, type SuiteReport } from "./report-model.ts";
import { runSpanMs } from "./run-span.ts";

// The package is CommonJS (`module.exports = builder`); its types describe an ESM default export.
const rootBuilder = junitReportBuilder as unknown as Builder;

/**
 * Serializes one suite as a `<testsuite>` element with junit-report-builder. Suites are serialized
 * separately so a writer can keep the text of finished suites and only redo the running one.
 */
export function serializeSuite(suite: SuiteReport, dialect: JunitDialect = "default"): string {
  const builder = rootBuilder.newBuilder();
  const suiteNode = builder.testSuite().name(suite.name).time(seconds(suite.durationMs));
  if (suite.timestamp) suiteNode.timestamp(suite.timestamp.replace(/\.\d+Z$|Z$/, ""));
  for (const [name, value] of Object.entries(suite.properties)) suiteNode.property(name, value);
  for (const c of suite.cases) {
    const testCase = suiteNode.testCase().className(c.classname).name(c.name).time(seconds(c.durationMs));
    withAttributes(testCase, caseLocationAttributes(c, dialect));
    if (c.status === "failed" && c.failure) testCase.failure(c.failure.message, c.failure.type).stacktrace(c.failure.detail || c.failure.message);
    if (c.status === "error") testCase.error(c.failure?.message ?? "error", c.failure?.type ?? "error", c.failure?.detail);
    if (c.status === "skipped") skippedWithReason(testCase, c.skipReason);
    const output = [c.output, ...pngFirst(c.attachments ?? []).map((file) => `[[ATTACHMENT|${file}]]`)].filter(Boolean).join("\n");
    if (output) testCase.standardOutput(output);
    withReruns(testCase, c);
  }
  const xml = builder.build();
  // The builder wraps its suites in <testsuites>; cut out our one <testsuite> element.
  const start = xml.indexOf("<testsuite ");
  const end = xml.lastIndexOf("</testsuites>");
  let element = xml.slice(start + "<testsuite ".length, end).trimEnd();
  // The builder has neither a testsuite file attribute nor suite-level output; the common schema allows both.
  if (suite.output) element = element.replace(/<\/testsuite>$/, `  <system-out>${cdata(suite.output)}</system-out>\n  </testsuite>`).replace(/\/>$/, `>\n    <system-out>${cdata(suite.output)}</system-out>\n  </testsuite>`);
  return `  <testsuite file="${escapeAttribute(suite.file)}" ${element}`;
}

/** The whole junit.xml from serialized suites (in order), their counts and the run's wall-clock span. */
export function junitDocument(suiteXml: readonly string[], counts: Counts, durationMs: number, name = "nixos-wsl-harness"): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeAttribute(name)}" tests="${counts.tests}" failures="${counts.failed}" errors="${counts.errors}" time="${seconds(durationMs)}">`;
  return suiteXml.length === 0 ? `${head}\n</testsuites>\n` : `${head}\n${suiteXml.join("\n")}\n</testsuites>\n`;
}

export function serializeReport(suites: readonly SuiteReport[], dialect: JunitDialect = "default"): string {
  const counts = countCases(suites.flatMap((s) => s.cases));
  return junitDocument(
    suites.map((suite) => serializeSuite(suite, dialect)),
    counts,
    runSpanMs(suites),
  );
}

/** JUnit times are seconds; fixed notation keeps them inside the common schema's time pattern. */
function seconds(ms: number): number {
  return Number((Math.max(0, ms) / 1000).toFixed(3));
}

/**
 * junit-report-builder writes a bare <skipped/>; the reason goes in its message attribute (Jenkins and GitHub show
 * that) and as its text (GitLab shows the text, and an object for an element without one).
 */
function skippedWithReason(testCase: TestCase, reason: string | undefined): void {
  testCase.skipped();
  if (!reason) return;
  const build = testCase.build.bind(testCase);
  testCase.build = (parent) => {
    const element = build(parent);
    const children = (element as unknown as { children: { name?: string; att: (n: string, v: string) => unknown; txt: (t: string) => unknown }[] }).children;
    const skipped = children.find((child) => child.name === "skipped");
    skipped?.att("message", reason);
    skipped?.txt(reason);
    return element;
  };
}

/** Extra attributes on the `<testcase>` element (the builder has `file` but no `line`), set when it is built. */
function withAttributes(testCase: TestCase, attributes: Record<string, string>): void {
  if (Object.keys(attributes).length === 0) return;
  const build = testCase.build.bind(testCase);
  testCase.build = (parent) => {
    const element = build(parent);
    for (const [name, value] of Object.entries(attributes)) element.att(name, value);
    return element;
  };
}

function cdata(text: string): string {
  // Characters XML 1.0 forbids are dropped, as the builder does for everything else.
  const clean = text.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
  return `<![CDATA[${clean.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");
}
