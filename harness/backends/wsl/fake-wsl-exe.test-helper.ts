import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { recordedBytes } from "./recorded/read-recorded.ts";

/**
 * A tiny scripted wsl.exe for tests: a real POSIX shell process that answers each call from files, per verb
 * (`version`, `status`, `list`, `shutdown`, `terminate`, `unregister`, `import`, `install`, `run`, `other`). A verb
 * can fail its first N calls with recorded error bytes, then succeed. Every call's argv is logged.
 */
const SCRIPT = `#!/bin/sh
dir=$(dirname "$0")
printf '%s\\n' "$*" >> "$dir/calls.log"
c=$(cat "$dir/calls.count" 2>/dev/null || echo 0); c=$((c + 1)); echo "$c" > "$dir/calls.count"
printf '%s\\0' "$@" > "$dir/argv.$c"
case "$1" in
  --version) key=version ;; --status) key=status ;; -l|--list) key=list ;; --shutdown) key=shutdown ;;
  --terminate|-t) key=terminate ;; --unregister) key=unregister ;; --import) key=import ;; --install) key=install ;;
  -d) key=run ;; *) key=other ;;
esac
n=$(cat "$dir/$key.count" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$dir/$key.count"
fails=$(cat "$dir/$key.fails" 2>/dev/null || echo 0)
if [ "$n" -le "$fails" ]; then
  [ -f "$dir/$key.fail.err" ] && cat "$dir/$key.fail.err" >&2
  [ -f "$dir/$key.fail.out" ] && cat "$dir/$key.fail.out"
  exit "$(cat "$dir/$key.fail.exit" 2>/dev/null || echo 255)"
fi
out="$dir/$key.out"; [ -f "$out.$n" ] && out="$out.$n"
err="$dir/$key.err"; [ -f "$err.$n" ] && err="$err.$n"
[ -f "$err" ] && cat "$err" >&2
[ -f "$out" ] && cat "$out"
exit "$(cat "$dir/$key.exit" 2>/dev/null || echo 0)"
`;

export type FakeVerb = "version" | "status" | "list" | "shutdown" | "terminate" | "unregister" | "import" | "install" | "run" | "other";

export interface FakeAnswer {
  /** Bytes (or a recorded file name via `recorded`) on stdout. */
  out?: Buffer | string;
  err?: Buffer | string;
  exit?: number;
}

export class FakeWslExe {
  readonly dir: string;
  readonly path: string;

  constructor() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), "nwh-fake-wsl-"));
    mkdirSync(this.dir, { recursive: true });
    this.path = path.join(this.dir, "wsl.exe");
    writeFileSync(this.path, SCRIPT);
    chmodSync(this.path, 0o755);
  }

  /** How `verb` answers; `nth` answers only its nth call (1-based). */
  answer(verb: FakeVerb, answer: FakeAnswer, nth?: number): this {
    const suffix = nth === undefined ? "" : `.${nth}`;
    if (answer.out !== undefined) writeFileSync(path.join(this.dir, `${verb}.out${suffix}`), answer.out);
    if (answer.err !== undefined) writeFileSync(path.join(this.dir, `${verb}.err${suffix}`), answer.err);
    if (answer.exit !== undefined && nth === undefined) writeFileSync(path.join(this.dir, `${verb}.exit`), String(answer.exit));
    return this;
  }

  /** The first `times` calls of `verb` fail with these bytes and exit code (255: wsl.exe's -1 on POSIX). */
  failFirst(verb: FakeVerb, times: number, failure: { out?: Buffer | string; err?: Buffer | string; exit?: number }): this {
    writeFileSync(path.join(this.dir, `${verb}.fails`), String(times));
    if (failure.out !== undefined) writeFileSync(path.join(this.dir, `${verb}.fail.out`), failure.out);
    if (failure.err !== undefined) writeFileSync(path.join(this.dir, `${verb}.fail.err`), failure.err);
    writeFileSync(path.join(this.dir, `${verb}.fail.exit`), String(failure.exit ?? 255));
    return this;
  }

  calls(): string[] {
    try {
      return readFileSync(path.join(this.dir, "calls.log"), "utf8").trimEnd().split("\n").filter(Boolean);
    } catch {
      return [];
    }
  }

  /** Every call's argv exactly as wsl.exe received it (the log above joins them with spaces). */
  callArgvs(): string[][] {
    const argvs: string[][] = [];
    for (let n = 1; ; n++) {
      let bytes: string;
      try {
        bytes = readFileSync(path.join(this.dir, `argv.${n}`), "utf8");
      } catch {
        return argvs;
      }
      argvs.push(bytes === "" ? [] : bytes.slice(0, -1).split("\0"));
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const recorded = recordedBytes;
