import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Attachment } from "../model/test-meta.ts";

/**
 * Keeps a test's diagnostic files next to the report: a file already under reportsDir stays where it is,
 * any other is copied into `<reportsDir>/attachments/<suite>/<test>/`. Returns the paths relative to
 * reportsDir (what [[ATTACHMENT|...]] and the HTML link to). A missing file is named, not fatal.
 */
export function keepAttachments(reportsDir: string, suiteName: string, testName: string, attachments: readonly Attachment[]): { kept: string[]; missing: string[] } {
  const kept: string[] = [];
  const missing: string[] = [];
  const relativeDir = path.posix.join("attachments", slug(suiteName), slug(testName));
  for (const attachment of attachments) {
    if (!existsSync(attachment.path)) {
      missing.push(attachment.path);
      continue;
    }
    const inside = path.relative(path.resolve(reportsDir), path.resolve(attachment.path));
    if (inside && !inside.startsWith("..") && !path.isAbsolute(inside)) {
      kept.push(inside.split(path.sep).join("/"));
      continue;
    }
    const relative = path.posix.join(relativeDir, slug(attachment.name || path.basename(attachment.path)));
    mkdirSync(path.join(reportsDir, relativeDir), { recursive: true });
    copyFileSync(attachment.path, path.join(reportsDir, relative));
    kept.push(relative);
  }
  return { kept, missing };
}

/**
 * Writes `text` as an attachment of a test (or of a suite file, testName "(suite file)") under reportsDir;
 * returns its path relative to reportsDir.
 */
export function writeTextAttachment(reportsDir: string, suiteName: string, testName: string, fileName: string, text: string): string {
  const relative = textAttachmentPath(suiteName, testName, fileName);
  mkdirSync(path.join(reportsDir, path.dirname(relative)), { recursive: true });
  writeFileSync(path.join(reportsDir, relative), text);
  return relative;
}

/** Where writeTextAttachment puts a file, relative to reportsDir. */
export function textAttachmentPath(suiteName: string, testName: string, fileName: string): string {
  return path.posix.join("attachments", slug(suiteName), slug(testName), slug(fileName));
}

/**
 * PNG files first, the rest in their order: GitLab shows only a failing case's first attachment, and it
 * displays a PNG but not an `.xwd` screen capture.
 */
export function pngFirst(attachments: readonly string[]): string[] {
  const isPng = (file: string) => /\.png$/i.test(file);
  return [...attachments.filter(isPng), ...attachments.filter((file) => !isPng(file))];
}

/** A file-name-safe form of a test or suite name. */
export function slug(name: string): string {
  // No leading dots: "." and ".." must never become path components.
  const cleaned = name.replace(/[^\w.-]+/g, "-").replace(/^[.-]+|-+$/g, "");
  return (cleaned || "unnamed").slice(0, 100);
}
