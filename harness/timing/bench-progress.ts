import type { BenchProgressEvent } from "./bench-runner.ts";

/**
 * Progress for people on stderr: one rewritten line on a TTY, one line per repetition otherwise (CI logs).
 * Returns the event handler and a `done` that ends the TTY line.
 */
export function benchProgress(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (e: BenchProgressEvent) => void;
  onProbeError: (probe: string, message: string) => void;
  done: () => void;
} {
  const tty = Boolean(stream.isTTY);
  let open = false;
  return {
    onProgress(e) {
      const text = `probe ${e.probeIndex + 1}/${e.probeCount} ${e.probeName}: ${e.warmup ? "warm-up" : "repetition"} ${e.repetition}/${e.repetitions}`;
      if (tty) {
        stream.write(`\r\x1b[2K${text}`);
        open = true;
      } else stream.write(`${text}\n`);
    },
    onProbeError(probe, message) {
      if (open) stream.write("\n");
      open = false;
      stream.write(`probe ${probe} failed, going on with the next probe: ${message.split("\n")[0]}\n`);
    },
    done() {
      if (open) stream.write("\n");
      open = false;
    },
  };
}
