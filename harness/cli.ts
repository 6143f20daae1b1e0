import { harnessVersion } from "./model/harness-version.ts";
import { UsageError } from "./model/usage-error.ts";

type CommandHandler = (argv: string[]) => Promise<number>;

interface CommandEntry {
  /** Words the user types, e.g. ["report", "merge"]. */
  words: string[];
  summary: string;
  load: () => Promise<CommandHandler>;
}

const commands: CommandEntry[] = [
  { words: ["run"], summary: "import a distro, run scenario suites, write reports", load: async () => (await import("./cli/commands/run.ts")).runCommand },
  { words: ["bench"], summary: "measure boot and rebuild timings (warm-up + N repetitions)", load: async () => (await import("./cli/commands/bench.ts")).benchCommand },
  { words: ["compare"], summary: "compare bench results across runs; --fail-if-slower for a release gate", load: async () => (await import("./cli/commands/compare.ts")).compareCommand },
  { words: ["report", "merge"], summary: "merge shard outputs (JUnit, bench) into one report set", load: async () => (await import("./cli/commands/report-merge.ts")).reportMergeCommand },
  { words: ["cleanup"], summary: "remove distros, containers and images left by crashed runs", load: async () => (await import("./cli/commands/cleanup.ts")).cleanupCommand },
  { words: ["shell"], summary: "a Node REPL on the Distro API (distro, machine) on a fresh or registered distro", load: async () => (await import("./cli/commands/shell.ts")).shellCommand },
  { words: ["record-wsl"], summary: "record wsl.exe's raw answers to a fixed harmless set of calls, for the recorded set", load: async () => (await import("./cli/commands/record-wsl.ts")).recordWslCommand },
  { words: ["doctor"], summary: "check the host: OS, Node, which backends can run and why", load: async () => (await import("./cli/commands/doctor.ts")).doctorCommand },
  { words: ["standin", "build"], summary: "build (or reuse) the Linux stand-in distro tarball", load: async () => (await import("./cli/commands/standin-build.ts")).standinBuildCommand },
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.words.join(" ").length));
  return [
    "nwh (nixos-wsl-harness) — integration tests and timings for NixOS-WSL",
    "",
    "Usage: nwh <command> [flags]      nwh <command> --help for its flags",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.words.join(" ").padEnd(width)}  ${c.summary}`),
    "",
    "Global: --help, --version. Configuration: nwh.config.ts in the current directory (flags override it).",
  ].join("\n");
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    process.stdout.write(`${usage()}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-V") {
    process.stdout.write(`${harnessVersion()}\n`);
    return 0;
  }
  const entry =
    commands.find((c) => c.words.length === 2 && c.words[0] === first && c.words[1] === second) ??
    commands.find((c) => c.words.length === 1 && c.words[0] === first);
  try {
    if (!entry) {
      const group = commands.find((c) => c.words[0] === first && c.words.length === 2);
      if (group) throw new UsageError(`"nwh ${first}" needs a subcommand: ${commands.filter((c) => c.words[0] === first).map((c) => c.words.join(" ")).join(", ")}`);
      throw new UsageError(`unknown command "${first}"; commands: ${commands.map((c) => c.words.join(" ")).join(", ")} (nwh --help)`);
    }
    const handler = await entry.load();
    return await handler(argv.slice(entry.words.length));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`nwh: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`nwh: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
