import { pngFirst, writeTextAttachment } from "./attachments.ts";
import { boundedOutput } from "./bounded-output.ts";
import type { CaseReport } from "./report-model.ts";
import type { NwhTestMeta } from "../model/test-meta.ts";

/**
 * A finished case with its files where consumers look for them: a failing case's diagnostics (journal, failed
 * units) as the attachment `diagnostics.txt`, its output bounded (the whole transcript as an attachment when
 * cut), and its attachments PNG first.
 */
export function withCaseFiles(reportsDir: string, suiteName: string, c: CaseReport, meta: NwhTestMeta | undefined): CaseReport {
  const attachments = [...(c.attachments ?? [])];
  const result: CaseReport = { ...c };
  if ((c.status === "failed" || c.status === "error") && meta?.diagnostics?.trim()) {
    attachments.push(writeTextAttachment(reportsDir, suiteName, c.name, "diagnostics.txt", meta.diagnostics));
  }
  if (c.output) {
    const bounded = boundedOutput(reportsDir, suiteName, c.name, c.output);
    result.output = bounded.output;
    if (bounded.attachment) attachments.push(bounded.attachment);
  }
  if (attachments.length > 0) result.attachments = pngFirst(attachments);
  return result;
}
