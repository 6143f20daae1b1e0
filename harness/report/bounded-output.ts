import { textAttachmentPath, writeTextAttachment } from "./attachments.ts";
import { boundMiddle, MAX_SYSTEM_OUT_BYTES } from "./bounded-text.ts";

/**
 * A `<system-out>` text kept below MAX_SYSTEM_OUT_BYTES: when longer, the whole text is written as the
 * attachment `transcript.txt` (returned, to be listed with the other attachments) and the output keeps its
 * head and tail around a line naming that file.
 */
export function boundedOutput(reportsDir: string, suiteName: string, testName: string, output: string, maxBytes = MAX_SYSTEM_OUT_BYTES): { output: string; attachment?: string } {
  const bounded = boundMiddle(output, maxBytes, textAttachmentPath(suiteName, testName, "transcript.txt"));
  if (!bounded.cut) return { output };
  return { output: bounded.text, attachment: writeTextAttachment(reportsDir, suiteName, testName, "transcript.txt", output) };
}
