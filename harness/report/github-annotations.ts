import { type CaseReport, isFlaky } from "./report-model.ts";

/**
 * A GitHub Actions workflow command for a case that needs a look: `::error` for a failed case, `::warning` for a
 * flaky one (passed on a retry) and for a quarantined failure; undefined for the others.
 */
export function githubAnnotation(c: CaseReport): string | undefined {
  const failed = c.status === "failed" || c.status === "error";
  if (!failed && !isFlaky(c)) return undefined;
  const properties = [`file=${escapeProperty(c.classname)}`];
  if (c.line !== undefined) properties.push(`line=${c.line}`);
  if (!failed) {
    const attempts = (c.reruns?.length ?? 0) + 1;
    properties.push(`title=${escapeProperty(`${c.name} (flaky: passed on attempt ${attempts})`)}`);
    return `::warning ${properties.join(",")}::${escapeData(`failed before it passed: ${c.reruns?.[0]?.failure.message ?? ""}`)}`;
  }
  const level = c.quarantine ? "warning" : "error";
  const quarantined = c.quarantine ? `, quarantined until ${c.quarantine.expires}` : "";
  properties.push(`title=${escapeProperty(`${c.name} (${c.failure?.type ?? c.status}${quarantined})`)}`);
  return `::${level} ${properties.join(",")}::${escapeData(c.failure?.message ?? c.status)}`;
}

// As GitHub's @actions/core escapes workflow command data and properties.
function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
