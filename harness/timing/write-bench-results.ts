import path from "node:path";
import { writeFileAtomicSync } from "../report/atomic-write.ts";
import { writeHtmlReport } from "../report/write-html-report.ts";
import { benchMarkdown } from "./bench-markdown.ts";
import type { BenchResult } from "../model/bench-schema.ts";

/** Writes bench.json, bench.md and bench.html into `reportsDir`; returns the paths written. */
export async function writeBenchResults(result: BenchResult, reportsDir: string, log: (line: string) => void): Promise<string[]> {
  const json = path.join(reportsDir, "bench.json");
  const md = path.join(reportsDir, "bench.md");
  writeFileAtomicSync(json, `${JSON.stringify(result, null, 2)}\n`);
  writeFileAtomicSync(md, benchMarkdown(result));
  const written = [json, md];
  try {
    written.push(writeHtmlReport({ benchFiles: [json], out: path.join(reportsDir, "bench.html"), title: "nixos-wsl-harness bench" }));
  } catch (error) {
    log(`Could not write the HTML bench report: ${(error as Error).message}`);
  }
  return written;
}
