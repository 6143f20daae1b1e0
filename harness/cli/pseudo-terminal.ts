import { type ChildProcess, spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";
import { quoteShellArg } from "./shell-quote.ts";

/**
 * Drives a command through a pseudo-terminal (util-linux `script -qfec`, no native addon), for the tests of
 * what only works on a TTY (`nwh shell`, `nwh run --debug`). Everything has a deadline.
 */
export class PseudoTerminal {
  readonly #child: ChildProcess;
  #output = "";
  #exit: Promise<number | null>;

  constructor(argv: readonly string[], options: { env?: Record<string, string>; timeoutMs: number }) {
    const commandLine = argv.map(quoteShellArg).join(" ");
    this.#child = spawn("script", ["-qfec", commandLine, "/dev/null"], { env: { ...process.env, ...options.env, TERM: "xterm" }, stdio: ["pipe", "pipe", "pipe"], detached: true });
    const collect = (chunk: Buffer) => {
      this.#output += chunk.toString("utf8");
    };
    this.#child.stdout?.on("data", collect);
    this.#child.stderr?.on("data", collect);
    const killer = setTimeout(() => this.kill(), options.timeoutMs);
    this.#exit = new Promise((resolve) => {
      this.#child.on("close", (code) => {
        clearTimeout(killer);
        resolve(code);
      });
    });
  }

  /** What the terminal showed so far, escape sequences removed. */
  get text(): string {
    return stripVTControlCharacters(this.#output).replaceAll("\r", "");
  }

  /** Types `keys` (a line needs its "\r", as a terminal sends Enter). */
  type(keys: string): void {
    this.#child.stdin?.write(keys);
  }

  /** Waits until the screen matches `pattern` after `from` characters; throws with the screen's tail after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.text.slice(from).match(pattern);
      if (match) return match;
      if (Date.now() > deadline || this.#child.exitCode !== null) throw new Error(`the terminal never showed ${pattern} within ${timeoutMs} ms; it shows:\n${this.text.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The exit code, once the command ends (the constructor's timeout kills it otherwise). */
  exited(): Promise<number | null> {
    return this.#exit;
  }

  kill(): void {
    try {
      if (this.#child.pid) process.kill(-this.#child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
