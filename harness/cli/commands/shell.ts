import os from "node:os";
import path from "node:path";
import { backendDescriptor } from "../../backends/registry.ts";
import { readCommandBasics, startCommandRun } from "../command-setup.ts";
import type { RunContext } from "../../model/run-context.ts";
import { parseCommand } from "../parse-command.ts";
import { runDistroRepl } from "../shell/distro-repl.ts";
import { UsageError } from "../../model/usage-error.ts";

const definition = {
  name: "shell",
  usage: `Usage: nwh shell [--distro NAME | --tarball FILE] [--backend wsl|docker] [--keep] [flags]

Opens a Node REPL on the Distro API, the one the suites use:
  distro    the Distro API on the distro: await distro.succeed(["systemctl", "--failed"]),
            await distro.waitForUnit("multi-user.target"), await distro.execute(["id"]), ...
  machine   what a suite file gets: machine.info, machine.capabilities, machine.meta, machine.importDistro(tarball, purpose)
Without --distro it imports a fresh distro from --tarball (on Linux by default the stand-in) and removes it when
you leave (.exit or Ctrl-D) unless --keep. History is kept in the cache directory (repl-history).

  --distro NAME          use this registered distro (a kept one: nwh run --keep-failed names it); never removed
  --tarball FILE         nixos.wsl or rootfs .tar.gz to import (default on Linux: the stand-in distro)
  --backend wsl|docker   default: wsl on Windows, docker elsewhere
  --keep                 leave the imported distro registered when you leave (its name is printed)
  --wsl-exe PATH         wsl.exe to drive (or NWH_WSL_EXE); e.g. fixtures/wsl-emulator/wsl.exe
  --config FILE          config file (default ./nwh.config.ts); flags override it`,
  options: {
    distro: { type: "string" },
    tarball: { type: "string" },
    backend: { type: "string" },
    keep: { type: "boolean" },
    "wsl-exe": { type: "string" },
    config: { type: "string" },
  },
} as const;

export async function shellCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const flags = parsed.values;
  const basics = await readCommandBasics(flags);
  const { config, backendKind, log } = basics;
  if (flags.distro && flags.tarball) throw new UsageError("--distro and --tarball exclude each other: --distro uses a registered distro, --tarball imports a new one");
  if (flags.distro && flags.keep) throw new UsageError("--keep only applies to a distro nwh shell imports; a --distro is never removed");
  const { tarball, runId, workDir } = await startCommandRun(basics, { userTarball: flags.tarball, adopting: Boolean(flags.distro) });
  const run: RunContext = {
    runId,
    backend: backendKind,
    tarball,
    distro: flags.distro,
    allowDestructive: true,
    keep: flags.keep ?? false,
    wslExe: basics.wslExe,
    workDir,
    reportsDir: workDir,
    timeouts: basics.timeouts,
  };
  // The suites' own machine: imported (or adopted) and booted exactly as a suite file's.
  const { startMachine, stopMachine } = await import("../../distro/machine.ts");
  log(`nwh shell: ${flags.distro ? `adopting ${flags.distro}` : `importing ${tarball}`} on the ${backendKind} backend (run ${runId})...`);
  const machine = await startMachine(run, "shell").catch((error: unknown) => {
    // A --distro that is not there (or not the backend's) is bad input: one line, exit 2.
    if (flags.distro && /no container is labelled|WSL_E_DISTRO_NOT_FOUND|not registered|no distribution/i.test((error as Error).message)) {
      throw new UsageError(`--distro ${flags.distro}: ${(error as Error).message.split("\n")[0]}`);
    }
    throw error;
  });
  const name = machine.info.name;
  log(`nwh shell: distro ${name} is up (${backendKind} backend, run ${runId}; capabilities: ${[...machine.capabilities].sort().join(", ")})`);
  log(`  distro   the Distro API on ${name}: await distro.succeed(["systemctl", "--failed"])`);
  log("  machine  info, capabilities, meta, importDistro(tarball, purpose)");
  log(`  leave with .exit or Ctrl-D; ${machine.info.owned && !run.keep ? `${name} is removed then (--keep leaves it)` : `${name} stays`}`);
  try {
    await runDistroRepl({ context: { distro: machine.distro, machine }, historyFile: historyFile(config.cacheDir) });
  } finally {
    await stopMachine(machine, "shell");
    if (machine.info.owned && !run.keep) log(`nwh shell: removed distro ${name}`);
    else log(`nwh shell: ${name} stays; enter it with: ${backendDescriptor(backendKind).enterCommand(runId, name)}`);
  }
  return 0;
}

/** `repl-history` in the cache directory: the config's, NWH_CACHE_DIR, or ~/.cache/nixos-wsl-harness. */
function historyFile(cacheDir: string | undefined): string {
  const dir = cacheDir ?? process.env.NWH_CACHE_DIR ?? path.join(os.homedir(), ".cache", "nixos-wsl-harness");
  return path.join(dir, "repl-history");
}
