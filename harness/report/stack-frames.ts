import path from "node:path";
import { fileURLToPath } from "node:url";

/** One stack frame as the reports write it: `at NAME (suites/x.suite.ts:L:C)`, the path relative to the project root. */
export interface StackFrame {
  method: string;
  file: string;
  line: number;
  column: number;
}

/** vitest's parsed frames (source-mapped), when it has them. */
export interface ParsedFrame {
  method: string;
  file: string;
  line: number;
  column: number;
}

// "at NAME (PATH:L:C)" or "at PATH:L:C"; PATH may be a file:// URL or a Windows path.
const FRAME = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?\s*$/;

/**
 * The frames of an error, paths made relative to `root` with forward slashes. Uses vitest's parsed frames
 * when given (they are source-mapped), else parses V8's stack text; lines that are not frames are dropped.
 */
export function stackFrames(root: string, stack: string | undefined, parsed?: readonly ParsedFrame[]): StackFrame[] {
  const raw = parsed && parsed.length > 0 ? parsed : parseStackText(stack ?? "");
  return raw.map((f) => ({ method: f.method.trim() || "<anonymous>", file: relativeFile(root, f.file), line: f.line, column: f.column }));
}

export function formatFrame(frame: StackFrame): string {
  return `    at ${frame.method} (${frame.file}:${frame.line}:${frame.column})`;
}

/** The first frame in `file` (a suite file, relative to the root): where the failure shows in the test's source. */
export function firstFrameIn(frames: readonly StackFrame[], file: string): StackFrame | undefined {
  return frames.find((f) => f.file === file);
}

function parseStackText(stack: string): ParsedFrame[] {
  const frames: ParsedFrame[] = [];
  for (const line of stack.split("\n")) {
    const match = FRAME.exec(line);
    if (!match) continue;
    frames.push({ method: match[1] ?? "", file: match[2]!, line: Number(match[3]), column: Number(match[4]) });
  }
  return frames;
}

/** A path relative to root with forward slashes; `node:` and other non-file locations stay as they are. */
export function relativeFile(root: string, file: string): string {
  let absolute = file;
  if (absolute.startsWith("file://")) {
    try {
      absolute = fileURLToPath(absolute);
    } catch {
      return file;
    }
  }
  const windows = /^[A-Za-z]:[\\/]/.test(absolute) || /^[A-Za-z]:[\\/]/.test(root);
  const lib = windows ? path.win32 : path.posix;
  if (!lib.isAbsolute(absolute)) return absolute.replaceAll("\\", "/");
  const relative = lib.relative(root, absolute);
  if (relative.startsWith("..") || lib.isAbsolute(relative)) return absolute.replaceAll("\\", "/");
  return relative.split(lib.sep).join("/");
}
