import type { Leftover } from "../../backend.ts";
import { checkAvailability, createSweeper, defaultBackendKind, parseBackendKind } from "../../backends/registry.ts";
import { loadConfig } from "../../config/load.ts";
import { parseCommand } from "../parse-command.ts";
import { UsageError } from "../../model/usage-error.ts";

const definition = {
  name: "cleanup",
  usage: `Usage: nwh cleanup [--backend docker|wsl] [--run-id ID] [--image-cache] [--dry-run] [--json] [--wsl-exe PATH]

Finds what crashed or interrupted runs left behind and removes it: on Docker the containers, networks and
images labelled nwh.managed=true; on WSL the distros the harness registered. Prints every leftover it found
and whether it was removed. Exit 0 when nothing is left, 1 when something could not be removed.

  --backend docker|wsl  which backend's leftovers (default: wsl on Windows, docker elsewhere)
  --run-id ID           only this run's leftovers (the run id is in every report)
  --image-cache         docker: also remove the images NWH_IMAGE_CACHE=1 keeps between runs (the Docker
                        backend's and the WSL emulator's; they belong to no run, so cleanup leaves them otherwise)
  --dry-run             list only; remove nothing
  --json                print one JSON object on stdout instead of text
  --wsl-exe PATH        wsl.exe to drive (or NWH_WSL_EXE)
  --config FILE         config file (default ./nwh.config.ts)`,
  options: {
    backend: { type: "string" },
    "run-id": { type: "string" },
    "image-cache": { type: "boolean" },
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    "wsl-exe": { type: "string" },
    config: { type: "string" },
  },
} as const;

interface CleanupRow extends Leftover {
  removed: boolean;
  error?: string;
}

export async function cleanupCommand(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, definition);
  if (!parsed) return 0;
  const flags = parsed.values;
  const config = await loadConfig({ file: flags.config });
  const kind = parseBackendKind(flags.backend) ?? parseBackendKind(config.backend, "backend in the config") ?? defaultBackendKind();
  const runId = flags["run-id"];
  if (runId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(runId)) throw new UsageError(`--run-id must be a run id such as nwh-1a2b3c, got "${runId}"`);
  const wslExe = flags["wsl-exe"] ?? config.wslExe ?? process.env.NWH_WSL_EXE;
  const dryRun = flags["dry-run"] ?? false;
  const imageCache = flags["image-cache"] ?? false;
  if (imageCache && kind !== "docker") throw new UsageError(`--image-cache: the image cache is on a Docker engine (the Docker backend's and the WSL emulator's images); run: nwh cleanup --backend docker --image-cache`);

  const availability = await checkAvailability(kind, { wslExe });
  if (!availability.available) {
    process.stderr.write(`nwh cleanup: the ${kind} backend is not available: ${availability.reason}\n`);
    return 1;
  }
  const sweeper = await createSweeper(kind, { runId, wslExe, imageCache });
  const rows: CleanupRow[] = [];
  for (const leftover of await sweeper.findLeftovers()) {
    if (dryRun) {
      rows.push({ ...leftover, removed: false });
      continue;
    }
    try {
      await sweeper.removeLeftover(leftover);
      rows.push({ ...leftover, removed: true });
    } catch (error) {
      rows.push({ ...leftover, removed: false, error: (error as Error).message.split("\n")[0] });
    }
  }
  const failed = rows.filter((r) => r.error !== undefined);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ backend: kind, runId: runId ?? null, dryRun, leftovers: rows }, null, 2)}\n`);
  } else {
    const scope = `${kind}${runId ? `, run ${runId}` : ""}`;
    const lines = rows.length === 0 ? [`nothing left behind (${scope})`] : [`${rows.length} leftover(s) (${scope}):`];
    for (const row of rows) {
      const status = dryRun ? "found  " : row.removed ? "removed" : "FAILED ";
      lines.push(`  ${status} ${row.kind.padEnd(9)} ${row.id}  ${row.description}${row.error ? `: ${row.error}` : ""}`);
    }
    if (dryRun && rows.length > 0) lines.push("dry run: nothing was removed; run again without --dry-run to remove them");
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}

