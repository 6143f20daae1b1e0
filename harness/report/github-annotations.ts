import type { CaseReport } from "./report-model.ts";

/** A GitHub Actions `::error` workflow command for a failed case (undefined for other cases). */
export function githubAnnotation(c: CaseReport): string | undefined {
  if (c.status !== "failed" && c.status !== "error") return undefined;
  const properties = [`file=${escapeProperty(c.classname)}`];
  if (c.line !== undefined) properties.push(`line=${c.line}`);
  properties.push(`title=${escapeProperty(`${c.name} (${c.failure?.type ?? c.status})`)}`);
  return `::error ${properties.join(",")}::${escapeData(c.failure?.message ?? c.status)}`;
}

// As GitHub's @actions/core escapes workflow command data and properties.
function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
