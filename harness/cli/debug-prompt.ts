import { answerPause, formatPause, pendingPause } from "../model/debug-pause.ts";

/**
 * `nwh run --debug` on the terminal: watches for the workers' pause, shows it, and reads one key: Enter continues,
 * q ends the run (`endRun`), Ctrl-C interrupts as it does without --debug. Returns what stops watching.
 */
export function watchDebugPauses(options: { workDir: string; endRun: () => void; input?: NodeJS.ReadStream; output?: NodeJS.WritableStream }): () => void {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  let answering = false;
  const onKey = (chunk: Buffer) => {
    const key = chunk.toString("utf8");
    if (key === "\u0003") {
      answer("quit");
      process.kill(process.pid, "SIGINT");
    } else if (key === "q" || key === "Q") {
      answer("quit");
      output.write("nwh --debug: ending the run (finished results stay in the reports; the distros are removed)\n");
      options.endRun();
    } else if (key === "\r" || key === "\n") {
      answer("continue");
      output.write("nwh --debug: continuing (later failures do not pause)\n");
    }
  };
  const answer = (value: "continue" | "quit") => {
    answerPause(options.workDir, value);
    answering = false;
    input.off("data", onKey);
    input.setRawMode?.(false);
    input.pause();
  };
  const timer = setInterval(() => {
    if (answering) return;
    const pause = pendingPause(options.workDir);
    if (!pause) return;
    answering = true;
    output.write(formatPause(pause));
    input.setRawMode?.(true);
    input.resume();
    input.on("data", onKey);
  }, 200);
  return () => {
    clearInterval(timer);
    if (answering) answer("continue");
  };
}
