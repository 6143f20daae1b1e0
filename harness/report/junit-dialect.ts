import type { CaseReport } from "./report-model.ts";

/**
 * Which JUnit the writer emits. `default`: what GitHub's test-report actions, GitLab and Jenkins' junit plugin
 * read, with `file` on every `<testcase>` and `line` on failing ones (for annotations). `jenkins`: the same
 * without the attributes Jenkins xunit's junit-10.xsd rejects (testcase `file` and `line`), for users who
 * validate against that schema.
 */
export const JUNIT_DIALECTS = ["default", "jenkins"] as const;
export type JunitDialect = (typeof JUNIT_DIALECTS)[number];

export function isJunitDialect(value: unknown): value is JunitDialect {
  return typeof value === "string" && (JUNIT_DIALECTS as readonly string[]).includes(value);
}

/** The `<testcase>` attributes beyond classname, name and time that `dialect` writes. */
export function caseLocationAttributes(c: CaseReport, dialect: JunitDialect): Record<string, string> {
  if (dialect === "jenkins") return {};
  const attributes: Record<string, string> = {};
  const file = c.file ?? c.classname;
  if (file) attributes["file"] = file;
  if ((c.status === "failed" || c.status === "error") && c.line !== undefined) attributes["line"] = String(c.line);
  return attributes;
}
