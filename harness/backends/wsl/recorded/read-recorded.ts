import { readFileSync } from "node:fs";

/** One entry of recorded/manifest.json: where a recorded wsl.exe output came from and how it was produced. */
export interface RecordedOutput {
  file: string;
  command: string;
  exitCode: number;
  encoding: "utf16le" | "utf8";
  stream: "stdout" | "stderr";
  /** Where the bytes come from: an issue or document with the words as printed. */
  source: string;
  /** Set when part of the sample was made up or composed rather than printed by a machine: why. */
  synthetic?: string;
}

export const recordedManifest: readonly RecordedOutput[] = JSON.parse(readFileSync(new URL("./manifest.json", import.meta.url), "utf8"));

/** The exact bytes of a recorded output. */
export function recordedBytes(file: string): Buffer {
  return readFileSync(new URL(`./${file}`, import.meta.url));
}
