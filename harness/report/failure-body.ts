import { formatEntry, type TranscriptEntry } from "../exec/transcript.ts";
import { MAX_FAILURE_BODY_BYTES, sliceBytes, utf8Bytes } from "./bounded-text.ts";
import { formatFrame, type StackFrame } from "./stack-frames.ts";

export interface FailureBodyInput {
  /** The message line the `message` attribute holds; the body starts with exactly this. */
  message: string;
  /** The rest of the error's message (after its first line) and the assertion diff. */
  more?: string;
  frames: readonly StackFrame[];
  /** Further errors of the same test, already formatted. */
  otherErrors?: readonly string[];
  transcript?: readonly TranscriptEntry[];
  maxBytes?: number;
}

const MAX_FRAMES = 25;
const MAX_HEAD_BYTES = 16_000;
/** The rest of a message and its diff: enough to read, and never so much that the stack is cut off. */
const MAX_MORE_BYTES = 8_000;

/**
 * A failure's text: the message, the stack (repo-relative frames) and the last commands with their output
 * tails, as many as fit in maxBytes (about 60 KB). The whole transcript is not repeated here: it is in the
 * case's `<system-out>`.
 */
export function failureBody(input: FailureBodyInput): string {
  const maxBytes = input.maxBytes ?? MAX_FAILURE_BODY_BYTES;
  const frames = input.frames.slice(0, MAX_FRAMES).map(formatFrame);
  if (input.frames.length > MAX_FRAMES) frames.push(`    ... ${input.frames.length - MAX_FRAMES} more frames`);
  const more = input.more?.trimEnd();
  const boundedMore = more && utf8Bytes(more) > MAX_MORE_BYTES ? `${sliceBytes(more, MAX_MORE_BYTES, "head")}\n[... ${utf8Bytes(more) - MAX_MORE_BYTES} more bytes of the message cut]` : more;
  const head = sliceBytes([input.message, boundedMore, ...frames, ...(input.otherErrors ?? [])].filter(Boolean).join("\n"), Math.min(MAX_HEAD_BYTES, maxBytes), "head");
  const entries = input.transcript ?? [];
  if (entries.length === 0) return head;
  let room = maxBytes - utf8Bytes(head) - 200;
  const last: string[] = [];
  for (let i = entries.length - 1; i >= 0 && room > 0; i--) {
    const text = formatEntry(entries[i]!);
    const size = utf8Bytes(text) + 1;
    if (size > room) break;
    last.unshift(text);
    room -= size;
  }
  if (last.length === 0) return head;
  const title = last.length === entries.length ? `--- commands (${entries.length}) ---` : `--- last ${last.length} of ${entries.length} commands (all of them: system-out) ---`;
  return `${head}\n\n${title}\n${last.join("\n")}`;
}
