/** Size limits of what consumers show: GitHub's annotation detail stops at 64 KB; we stay below it. */
export const MAX_FAILURE_BODY_BYTES = 60_000;
export const MAX_SYSTEM_OUT_BYTES = 60_000;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes: its head (a third) and tail (the rest) around a marker line
 * that says how much was cut and where the whole text is. Unchanged when it fits.
 */
export function boundMiddle(text: string, maxBytes: number, whereWhole: string): { text: string; cut: boolean } {
  const size = utf8Bytes(text);
  if (size <= maxBytes) return { text, cut: false };
  const marker = (cutBytes: number) => `\n[... ${cutBytes} bytes cut; the whole text: ${whereWhole} ...]\n`;
  const room = Math.max(0, maxBytes - utf8Bytes(marker(size)));
  // Cut at line ends, so that no command line is left half.
  const head = toLastNewline(sliceBytes(text, Math.floor(room / 3), "head"));
  const tail = fromFirstNewline(sliceBytes(text, room - utf8Bytes(head), "tail"));
  return { text: `${head}${marker(size - utf8Bytes(head) - utf8Bytes(tail))}${tail}`, cut: true };
}

function toLastNewline(text: string): string {
  const end = text.lastIndexOf("\n");
  return end > 0 ? text.slice(0, end) : text;
}

function fromFirstNewline(text: string): string {
  const start = text.indexOf("\n");
  return start >= 0 && start < text.length - 1 ? text.slice(start + 1) : text;
}

/** The first (or last) characters of `text` that fit in `maxBytes` UTF-8 bytes, never splitting a character. */
export function sliceBytes(text: string, maxBytes: number, from: "head" | "tail"): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const buffer = Buffer.from(text, "utf8");
  const part = from === "head" ? buffer.subarray(0, maxBytes) : buffer.subarray(buffer.length - maxBytes);
  // A cut inside a multi-byte character decodes to U+FFFD at the edge; drop it.
  const decoded = part.toString("utf8");
  return from === "head" ? decoded.replace(/\uFFFD+$/, "") : decoded.replace(/^\uFFFD+/, "");
}
