import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NwhConfig } from "../../harness/config/schema.ts";
import { exec } from "../../harness/exec/index.ts";
import { parseJunit } from "../../harness/report/junit-parse.ts";
import type { CaseReport } from "../../harness/report/report-model.ts";

const NWH = fileURLToPath(new URL("../../bin/nwh.js", import.meta.url));

export interface CliRun {
  exitCode: number | undefined;
  stderr: string;
  reportsDir: string;
  cases: CaseReport[];
  properties: Record<string, string>;
}

/**
 * Runs `nwh run` as a user would, then reads the junit.xml it wrote. `config` becomes an nwh.config.ts passed with
 * --config (e.g. shorter waits where a scenario is expected to time out).
 */
export async function runNwh(args: readonly string[], options: { timeoutMs: number; config?: NwhConfig; env?: Record<string, string> }): Promise<CliRun> {
  const reportsDir = mkdtempSync(path.join(os.tmpdir(), "nwh-cli-run-"));
  const configArgs: string[] = [];
  if (options.config) {
    const file = path.join(reportsDir, "nwh.config.ts");
    writeFileSync(file, `export default ${JSON.stringify(options.config)};\n`);
    configArgs.push("--config", file);
  }
  const result = await exec([process.execPath, NWH, "run", ...args, ...configArgs, "--reports-dir", reportsDir], { timeoutMs: options.timeoutMs, env: { CI: "1", ...options.env } });
  let xml: string;
  try {
    xml = readFileSync(path.join(reportsDir, "junit.xml"), "utf8");
  } catch {
    throw new Error(`nwh run wrote no junit.xml in ${reportsDir} (exit ${result.exitCode}):\n${result.stderr.slice(-3000)}`);
  }
  const suites = parseJunit(xml);
  return {
    exitCode: result.exitCode,
    stderr: result.stderr,
    reportsDir,
    cases: suites.flatMap((s) => s.cases),
    properties: Object.assign({}, ...suites.map((s) => s.properties)),
  };
}

export function findCase(run: CliRun, nameEnd: string): CaseReport {
  const found = run.cases.find((c) => c.name.endsWith(nameEnd));
  if (!found) throw new Error(`no test named "...${nameEnd}" in the report; tests: ${run.cases.map((c) => c.name).join(" | ")}`);
  return found;
}
