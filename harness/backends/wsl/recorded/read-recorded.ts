import { readFileSync } from "node:fs";

/** One entry of recorded/manifest.json: where a recorded wsl.exe output came from and how it was produced. */
export interface RecordedOutput {
  file: string;
  command: string;
  exitCode: number;
  encoding: "utf16le" | "utf8";
  stream: "stdout" | "stderr";
  source: string;
}

export const recordedManifest: readonly RecordedOutput[] = JSON.parse(readFileSync(new URL("./manifest.json", import.meta.url), "utf8"));

/** The exact bytes of a recorded output. */
export function recordedBytes(file: string): Buffer {
  return readFileSync(new URL(`./${file}`, import.meta.url));
}
