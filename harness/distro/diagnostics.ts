import type { Command } from "./command.ts";
import type { CommandResult } from "../exec/command-failed-error.ts";

/** What a wait's last try (or a failed test) records about the system: enough to see why, without a login. */
const DIAGNOSTIC_COMMANDS: ReadonlyArray<{ title: string; argv: readonly string[] }> = [
  { title: "failed units", argv: ["systemctl", "list-units", "--failed", "--no-pager", "--no-legend", "--plain"] },
  { title: "pending jobs", argv: ["systemctl", "list-jobs", "--no-pager"] },
  { title: "system state", argv: ["systemctl", "is-system-running"] },
  { title: "recent journal", argv: ["journalctl", "--no-pager", "-n", "60", "-o", "short-monotonic"] },
];

export type RootExecute = (command: Command) => Promise<CommandResult>;

/** Runs each diagnostic command as root; a command that cannot run is reported, not thrown. */
export async function collectDiagnostics(run: RootExecute): Promise<string> {
  const sections: string[] = [];
  for (const { title, argv } of DIAGNOSTIC_COMMANDS) {
    try {
      const r = await run(argv);
      const body = [r.stdout.trimEnd(), r.stderr.trimEnd()].filter(Boolean).join("\n") || "(nothing)";
      sections.push(`== ${title} (${argv.join(" ")}, exit ${r.exitCode})\n${body}`);
    } catch (error) {
      sections.push(`== ${title} (${argv.join(" ")}): could not run: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  return sections.join("\n");
}
