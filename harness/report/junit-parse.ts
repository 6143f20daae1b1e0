import { XMLParser } from "fast-xml-parser";
import type { AttemptReport, CaseReport, CaseStatus, SuiteReport } from "./report-model.ts";

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ["testsuite", "testcase", "property", "failure", "error", "skipped", "system-out", "system-err", ...RERUN_ELEMENTS].includes(name),
});

/** Maven Surefire's attempts of a retried test (see junit-reruns.ts). */
const RERUN_ELEMENTS = ["flakyFailure", "flakyError", "rerunFailure", "rerunError"];

const ATTACHMENT = /^\[\[ATTACHMENT\|(.+)\]\]$/;

/** Reads a JUnit XML document (ours or another tool's) back into the report model; nested suites are flattened. */
export function parseJunit(xml: string, source = "junit.xml"): SuiteReport[] {
  let root: XmlNode;
  try {
    root = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new Error(`${source} is not well-formed XML: ${(error as Error).message}`);
  }
  const top = (root.testsuites as XmlNode | undefined) ?? root;
  const suites = top.testsuite as XmlNode[] | undefined;
  if (!suites && !root.testsuites) throw new Error(`${source} is not a JUnit report: no <testsuites> or <testsuite> element`);
  return (suites ?? []).flatMap((suite) => readSuite(suite));
}

function readSuite(node: XmlNode): SuiteReport[] {
  const name = attribute(node, "name") ?? "(unnamed suite)";
  const properties: Record<string, string> = {};
  for (const group of asArray(node.properties)) {
    for (const property of asArray((group as XmlNode).property)) {
      const key = attribute(property as XmlNode, "name");
      if (key) properties[key] = attribute(property as XmlNode, "value") ?? text(property);
    }
  }
  const suite: SuiteReport = {
    name,
    file: attribute(node, "file") ?? name,
    timestamp: attribute(node, "timestamp"),
    durationMs: secondsToMs(attribute(node, "time")),
    properties,
    cases: asArray(node.testcase).map((c) => withQuarantine(readCase(c as XmlNode, name), properties)),
    output: joinText(node["system-out"]) || undefined,
  };
  const nested = asArray(node.testsuite).flatMap((child) => readSuite(child as XmlNode));
  return [suite, ...nested];
}

function readCase(node: XmlNode, suiteName: string): CaseReport {
  const failure = first(node.failure);
  const error = first(node.error);
  const skipped = first(node.skipped);
  const outcome = error ?? failure;
  const status: CaseStatus = error ? "error" : failure ? "failed" : skipped ? "skipped" : "passed";
  const outLines = joinText(node["system-out"]).split("\n");
  const attachments = outLines.map((line) => ATTACHMENT.exec(line.trim())?.[1]).filter((x): x is string => Boolean(x));
  const output = outLines.filter((line) => !ATTACHMENT.test(line.trim())).join("\n").trimEnd();
  const result: CaseReport = {
    classname: attribute(node, "classname") ?? suiteName,
    name: attribute(node, "name") ?? "(unnamed test)",
    status,
    durationMs: secondsToMs(attribute(node, "time")),
  };
  const file = attribute(node, "file");
  if (file) result.file = file;
  const line = Number(attribute(node, "line"));
  if (Number.isInteger(line) && line > 0) result.line = line;
  if (outcome) {
    const detail = text(outcome);
    result.failure = { message: attribute(outcome, "message") ?? detail.split("\n")[0] ?? "", type: attribute(outcome, "type") ?? status, detail };
  }
  if (skipped) {
    const reason = attribute(skipped, "message") ?? text(skipped);
    if (reason) result.skipReason = reason;
  }
  if (output) result.output = output;
  if (attachments.length > 0) result.attachments = attachments;
  const reruns = RERUN_ELEMENTS.flatMap((element) => asArray(node[element]).map((n) => readAttempt(element, n as XmlNode)));
  if (reruns.length > 0) result.reruns = reruns;
  return result;
}

function readAttempt(element: string, node: XmlNode): AttemptReport {
  const detail = text(first(node.stackTrace) ?? node);
  const output = joinText(node["system-out"]);
  return {
    status: element.endsWith("Error") ? "error" : "failed",
    failure: { message: attribute(node, "message") ?? detail.split("\n")[0] ?? "", type: attribute(node, "type") ?? "failure", detail },
    durationMs: 0,
    ...(output ? { output } : {}),
  };
}

/** Quarantine marks are suite properties `quarantine (<test name>)` = `<reason> until <YYYY-MM-DD>`. */
function withQuarantine(c: CaseReport, properties: Record<string, string>): CaseReport {
  const mark = /^(.*) until (\d{4}-\d{2}-\d{2})$/.exec(properties[`quarantine (${c.name})`] ?? "");
  if (mark?.[1] && mark[2]) c.quarantine = { reason: mark[1], expires: mark[2] };
  return c;
}

function attribute(node: XmlNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === "string" ? value : undefined;
}

function text(node: unknown): string {
  if (typeof node === "string") return node;
  if (node && typeof node === "object") {
    const value = (node as XmlNode)["#text"];
    return typeof value === "string" ? value : "";
  }
  return "";
}

function joinText(nodes: unknown): string {
  return asArray(nodes).map(text).join("\n");
}

function first(nodes: unknown): XmlNode | undefined {
  const [node] = asArray(nodes);
  if (node === undefined) return undefined;
  return typeof node === "string" ? { "#text": node } : (node as XmlNode);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function secondsToMs(value: string | undefined): number {
  const n = Number((value ?? "0").replaceAll(",", ""));
  return Number.isFinite(n) ? n * 1000 : 0;
}
