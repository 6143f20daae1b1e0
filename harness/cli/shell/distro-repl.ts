import { holdSignals } from "../../exec/process-end.ts";
import { mkdirSync } from "node:fs";
import path from "node:path";
import repl from "node:repl";

export interface DistroReplOptions {
  /** Names the REPL's own globals: `distro`, `machine`, ... */
  context: Record<string, unknown>;
  historyFile: string;
  prompt?: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/**
 * A Node REPL (top-level await on) with the given globals and its history in `historyFile`. Resolves when the
 * user leaves it (`.exit`, Ctrl-D, Ctrl-C twice) or `close()` is called (SIGTERM).
 */
export async function runDistroRepl(options: DistroReplOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const server = repl.start({ prompt: options.prompt ?? "nwh> ", input, output, terminal: (output as { isTTY?: boolean }).isTTY === true, useGlobal: false, ignoreUndefined: true });
  for (const [name, value] of Object.entries(options.context)) {
    Object.defineProperty(server.context, name, { value, enumerable: true, configurable: false, writable: false });
  }
  mkdirSync(path.dirname(options.historyFile), { recursive: true });
  await new Promise<void>((resolve) => {
    server.setupHistory(options.historyFile, (error) => {
      if (error) output.write(`nwh shell: no history (${error.message})\n`);
      resolve();
    });
  });
  // SIGTERM (or SIGINT/SIGHUP from outside) leaves the REPL as .exit does, so the distro is still removed.
  const releaseSignals = holdSignals(() => server.close());
  await new Promise<void>((resolve) => server.once("exit", () => resolve()));
  releaseSignals();
}
