import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BackendKind } from "../backend.ts";
import {
  checkAvailability,
  defaultBackendKind,
  parseBackendKind,
} from "../backends/registry.ts";
import { loadConfig } from "../config/load.ts";
import type { NwhConfig } from "../config/schema.ts";
import { DEFAULT_TIMEOUTS, type RunContext } from "../model/run-context.ts";
import { newRunId } from "../model/run-id.ts";
import { UsageError } from "../model/usage-error.ts";
import { resolveTarball } from "../run/resolve-tarball.ts";

/** What `nwh run`, `nwh bench` and `nwh shell` read first: the config, the backend kind and the wsl.exe to drive. */
export interface CommandBasics {
  config: NwhConfig;
  backendKind: BackendKind;
  wslExe: string | undefined;
  timeouts: RunContext["timeouts"];
  /** Progress for a person: stderr. */
  log: (line: string) => void;
}

/** The run a command starts once its flags are checked: the tarball (none when adopting), a run id, its work dir. */
export interface CommandRun {
  tarball: string | undefined;
  /** The tarball is the Linux stand-in the harness built (no user tarball given). */
  standin: boolean;
  runId: string;
  workDir: string;
}

/** Loads the config (`--config`) and picks the backend: `--backend`, else config `backend`, else the platform's. */
export async function readCommandBasics(flags: {
  config?: string;
  backend?: string;
  "wsl-exe"?: string;
}): Promise<CommandBasics> {
  const config = await loadConfig({ file: flags.config });
  const backendKind =
    parseBackendKind(flags.backend) ??
    parseBackendKind(config.backend, "backend in the config") ??
    defaultBackendKind();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  return {
    config,
    backendKind,
    wslExe: flags["wsl-exe"] ?? config.wslExe,
    timeouts: { ...DEFAULT_TIMEOUTS, ...config.timeouts },
    log,
  };
}

/**
 * Checks the user's tarball (bad input fails first, exit 2), then that the backend can run here (else exit 2 with
 * the fix), then resolves the tarball (without one: the stand-in, built on first use; none when `adopting` a
 * distro), and makes the run's id and work dir.
 */
export async function startCommandRun(
  basics: CommandBasics,
  options: { userTarball: string | undefined; adopting: boolean },
): Promise<CommandRun> {
  const { backendKind, wslExe, config, log } = basics;
  const checked = options.userTarball
    ? await resolveTarball({
        tarball: options.userTarball,
        backend: backendKind,
        log: () => {},
      })
    : undefined;
  const availability = await checkAvailability(backendKind, { wslExe });
  if (!availability.available)
    throw new UsageError(
      `the ${backendKind} backend cannot run here: ${availability.reason}`,
    );
  const { tarball, standin } = options.adopting
    ? { tarball: undefined, standin: false }
    : (checked ??
      (await resolveTarball({
        backend: backendKind,
        cacheDir: config.cacheDir,
        log,
      })));
  const runId = newRunId();
  const workDir = path.join(os.tmpdir(), "nwh-runs", runId);
  mkdirSync(workDir, { recursive: true });
  return { tarball, standin, runId, workDir };
}
