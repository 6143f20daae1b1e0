import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Attachment } from "../../harness/model/test-meta.ts";

/** Where a test's attachments go: <reportsDir>/attachments/<suite>/<test>/<name>. */
export function attachmentPath(reportsDir: string, suite: string, test: string, name: string): string {
  const dir = path.join(reportsDir, "attachments", slug(suite), slug(test));
  mkdirSync(dir, { recursive: true });
  return path.join(dir, path.basename(name));
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^-|-$/g, "").slice(0, 80) || "x";
}

export type { Attachment };
