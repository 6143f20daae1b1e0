import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { waitUntil } from "../wait.ts";

/**
 * `nwh run --debug`: the suite worker that meets the first failure writes a pause and waits; `nwh run` shows it
 * on the terminal and writes the answer. Files in the run directory, so nothing else is shared between them.
 */
export interface DebugPause {
  suite: string;
  test: string;
  file: string;
  /** The failure's first lines. */
  failure: string;
  transcriptTail: string;
  distro: string;
  enter: string;
  backend: string;
}

export type DebugAnswer = "continue" | "quit";

/** How long a paused run waits for its answer before it goes on by itself. */
export const DEBUG_PAUSE_MAX_MS = 4 * 60 * 60 * 1000;

const dir = (workDir: string) => path.join(workDir, "debug");
const pauseFile = (workDir: string) => path.join(dir(workDir), "pause.json");
const answerFile = (workDir: string) => path.join(dir(workDir), "answer");

/** Writes the pause unless an earlier failure already paused the run (only the first one does). */
export function claimPause(workDir: string, pause: DebugPause): boolean {
  mkdirSync(dir(workDir), { recursive: true });
  try {
    writeFileSync(pauseFile(workDir), JSON.stringify(pause), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The pause waiting for an answer, if any. */
export function pendingPause(workDir: string): DebugPause | undefined {
  if (!existsSync(pauseFile(workDir)) || existsSync(answerFile(workDir))) return undefined;
  try {
    return JSON.parse(readFileSync(pauseFile(workDir), "utf8")) as DebugPause;
  } catch {
    return undefined; // being written
  }
}

export function answerPause(workDir: string, answer: DebugAnswer): void {
  mkdirSync(dir(workDir), { recursive: true });
  writeFileSync(answerFile(workDir), answer);
}

/** The worker's side: waits for the answer (bounded); "continue" when none comes in time. */
export async function awaitAnswer(workDir: string, timeoutMs = DEBUG_PAUSE_MAX_MS): Promise<DebugAnswer> {
  let answer: DebugAnswer = "continue";
  await waitUntil(
    async () => {
      if (!existsSync(answerFile(workDir))) return false;
      answer = readFileSync(answerFile(workDir), "utf8").trim() === "quit" ? "quit" : "continue";
      return true;
    },
    { what: "an answer at the --debug pause", timeoutMs, intervalMs: 100, maxIntervalMs: 250 },
  ).catch(() => undefined);
  return answer;
}

export function clearDebugState(workDir: string): void {
  rmSync(dir(workDir), { recursive: true, force: true });
}

/** What the terminal shows at the pause. */
export function formatPause(pause: DebugPause): string {
  return [
    "",
    "nwh --debug: paused at the first failure",
    `  ${pause.suite} > ${pause.test}  (${pause.file})`,
    ...pause.failure.split("\n").map((line) => `  ${line}`),
    "  transcript tail:",
    ...(pause.transcriptTail.trim() ? pause.transcriptTail : "(no command ran)").split("\n").map((line) => `    ${line}`),
    `  the distro ${pause.distro} stays up while the run is paused:`,
    `    enter: ${pause.enter}`,
    `    REPL:  nwh shell --backend ${pause.backend} --distro ${pause.distro}`,
    "  Enter: continue the run    q: end the run (reports written, distros removed)",
    "",
  ].join("\n");
}
