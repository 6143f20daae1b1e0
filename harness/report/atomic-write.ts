import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes `text` to a temporary file beside `file`, then renames it over `file`: a reader (or a crash)
 * sees the old content or the new, never half a file. Synchronous so it can run in an exit handler.
 */
export function writeFileAtomicSync(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
