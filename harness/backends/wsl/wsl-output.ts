/**
 * wsl.exe prints its own messages as UTF-16LE unless WSL_UTF8=1 is honoured (old inbox builds and
 * some wrappers ignore or drop it), and relays Linux output as raw bytes. These helpers turn its
 * own output into text whatever the encoding, with LF line ends.
 */

/** Exit codes that mean wsl.exe itself failed (-1 as seen by the different APIs), not the Linux process. */
export const WSL_EXE_FAILURE_CODES: ReadonlySet<number> = new Set([-1, 4294967295, 255]);

export function isWslExeFailure(exitCode: number | undefined): boolean {
  return exitCode !== undefined && WSL_EXE_FAILURE_CODES.has(exitCode);
}

/**
 * UTF-16LE when the bytes start with its BOM, or when NUL bytes sit at odd offsets (the high byte
 * of ASCII characters, including the CR LF every wsl.exe message ends with) and not at even ones.
 */
export function looksLikeUtf16le(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return true;
  let nulOdd = 0;
  let nulEven = 0;
  const limit = Math.min(bytes.length, 4096);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 1) nulOdd++;
    else nulEven++;
  }
  return nulOdd > 0 && nulOdd > nulEven * 4;
}

/** Decodes wsl.exe's own output (UTF-16LE or UTF-8), drops a BOM and NUL padding, and turns CRLF into LF. */
export function decodeWslOutput(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  if (looksLikeUtf16le(buffer)) {
    const even = buffer.length - (buffer.length % 2);
    text = buffer.subarray(0, even).toString("utf16le");
  } else {
    text = buffer.toString("utf8");
  }
  return normalizeLineEnds(text.replace(/^\uFEFF/, "").replaceAll("\0", ""));
}

export function normalizeLineEnds(text: string): string {
  return text.replace(/\r+\n/g, "\n").replace(/\r/g, "\n");
}

/** Non-empty lines, trimmed at the end (leading spaces matter in `-l -v`). */
export function outputLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line.trim().length > 0);
}
