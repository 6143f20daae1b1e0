import path from "node:path";
import { exec } from "../../harness/exec/index.ts";
import type { NwhCommandLine } from "./nwh-command-lines.ts";

export interface CommandHelp {
  exitCode: number | undefined;
  text: string;
}

/** `nwh <command> --help` from the real CLI (bin/nwh.js under this Node), one run per command. */
export function cliHelpReader(repoRoot: string): (command: string[]) => Promise<CommandHelp> {
  const cache = new Map<string, Promise<CommandHelp>>();
  return (command) => {
    const key = command.join(" ");
    let pending = cache.get(key);
    if (!pending) {
      pending = exec([process.execPath, path.join(repoRoot, "bin", "nwh.js"), ...command, "--help"], { cwd: repoRoot, timeoutMs: 60_000 }).then((r) => ({ exitCode: r.exitCode, text: `${r.stdout}\n${r.stderr}` }));
      cache.set(key, pending);
    }
    return pending;
  };
}

/** True when the usage text shows the flag as a word of its own (`--out`, `[-n N]`, `-t, --test-name-pattern`). */
export function usageMentions(usage: string, flag: string): boolean {
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[\\s\\[(,|])${escaped}(?=[\\s=\\],|)]|$)`, "m").test(usage);
}

/** Problems of one command line: an unknown command, or flags its --help does not list. */
export async function checkCommandLine(line: NwhCommandLine, readHelp: (command: string[]) => Promise<CommandHelp>): Promise<string[]> {
  const name = `nwh ${line.command.join(" ")}`;
  if (line.command.length === 0) return [`"${line.line}": nwh without a command`];
  const help = await readHelp(line.command);
  if (help.exitCode !== 0) return [`"${line.line}": ${name} --help failed (exit ${help.exitCode}): ${help.text.trim().split("\n")[0]}`];
  const missing = line.flags.filter((flag) => !usageMentions(help.text, flag));
  if (missing.length === 0) return [];
  const notYet = /not implemented yet/i.test(help.text) ? " (its --help still says: not implemented yet)" : "";
  return [`"${line.line}": ${name} has no flag ${missing.join(", ")} in its --help${notYet}`];
}
