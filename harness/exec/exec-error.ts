import type { ExecResult } from "./exec-result.ts";

export type ExecFailure = "exit" | "timeout" | "signal" | "spawn";

/** A process call that failed, with the facts a reader needs (like execa's error). */
export class ExecError extends Error {
  override readonly name = "ExecError";
  readonly failure: ExecFailure;
  readonly result: ExecResult;

  constructor(failure: ExecFailure, result: ExecResult, cause?: unknown) {
    super(describe(failure, result, cause), { cause });
    this.failure = failure;
    this.result = result;
  }

  get argv(): readonly string[] {
    return this.result.argv;
  }
  get exitCode(): number | undefined {
    return this.result.exitCode;
  }
  get timedOut(): boolean {
    return this.failure === "timeout";
  }
}

function describe(failure: ExecFailure, r: ExecResult, cause: unknown): string {
  const command = r.argv.join(" ");
  const head =
    failure === "timeout" ? `Command timed out after ${r.timeoutMs} ms (process tree killed): ${command}`
    : failure === "signal" ? `Command was killed by ${r.signal}: ${command}`
    : failure === "spawn" ? `Command could not start: ${command}: ${cause instanceof Error ? cause.message : String(cause)}`
    : `Command failed with exit code ${r.exitCode}: ${command}`;
  const output = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-5).join("\n");
  return output ? `${head}\n${output}` : head;
}
