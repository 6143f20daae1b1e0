import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Transcript } from "../../exec/index.ts";
import { withFileLock } from "../../file-lock.ts";
import type { DistroLedger, DistroRecord } from "./distro-ledger.ts";
import { isVhdExportUnsupported } from "./vhd-export-support.ts";
import type { WslCli } from "./wsl-cli.ts";
import { wslArgs } from "./wsl-commands.ts";
import { WslError } from "./wsl-error.ts";

/** What a suite file's import uses: a copy of the run's template disk, or the tarball (with why). */
export type TemplateOutcome = { kind: "vhd"; file: string; distro: string } | { kind: "tar"; reason: string };

export interface RunTemplateRequest {
  cli: WslCli;
  ledger: DistroLedger;
  runId: string;
  workDir: string;
  wslExe: string;
  tarball: string;
  /** The argv that imports the tarball as `distro` into `location` (`--import` or `--install --from-file`). */
  importArgs: (distro: string, location: string) => string[];
  /** One import plus one export, at most. */
  timeoutMs: number;
  transcript?: Transcript;
}

/**
 * The run's template, made once for all its suite files (they run in separate workers, hence the lock and the
 * state file in the run's work dir): the tarball imported as `nwh-template-<hex>` (never started, so every copy is
 * as fresh as a tar import), then `wsl --export --format vhd`. It is in the ledger with the run's id and the run's
 * process as owner, so the run's final sweep removes it, and `nwh cleanup` finds it after a crash. When this wsl.exe
 * cannot export a VHD, the outcome says so and every file imports the tarball.
 */
export async function runVhdTemplate(request: RunTemplateRequest): Promise<TemplateOutcome> {
  const key = createHash("sha256").update(path.resolve(request.tarball)).digest("hex").slice(0, 12);
  const stateFile = path.join(request.workDir, `wsl-template-${key}.json`);
  mkdirSync(request.workDir, { recursive: true });
  return withFileLock(
    path.join(request.workDir, `wsl-template-${key}.lock`),
    async () => {
      const known = readOutcome(stateFile);
      if (known) return known;
      const outcome = await makeTemplate(request);
      writeFileSync(`${stateFile}.tmp`, `${JSON.stringify(outcome)}\n`);
      renameSync(`${stateFile}.tmp`, stateFile);
      return outcome;
    },
    { timeoutMs: request.timeoutMs + 60_000, staleAfterMs: request.timeoutMs + 60_000, what: "another suite file making the run's VHD template" },
  );
}

function readOutcome(stateFile: string): TemplateOutcome | undefined {
  if (!existsSync(stateFile)) return undefined;
  const outcome = JSON.parse(readFileSync(stateFile, "utf8")) as TemplateOutcome;
  // A template swept away meanwhile (nwh cleanup) is made again.
  return outcome.kind === "vhd" && !existsSync(outcome.file) ? undefined : outcome;
}

async function makeTemplate(request: RunTemplateRequest): Promise<TemplateOutcome> {
  const { cli, transcript } = request;
  const distro = `nwh-template-${randomBytes(3).toString("hex")}`;
  const location = path.resolve(request.workDir, "wsl", distro);
  const file = path.join(location, "export", "ext4.vhdx");
  const record: DistroRecord = {
    name: distro,
    runId: request.runId,
    location,
    wslExe: request.wslExe,
    pid: runOwnerPid(),
    hostname: os.hostname(),
    createdAt: new Date().toISOString(),
    role: "template",
  };
  request.ledger.write(record);
  const note = `the run's VHD template ${distro} (made once; each suite file gets a copy of its disk)`;
  try {
    await cli.run(request.importArgs(distro, location), { timeoutMs: request.timeoutMs, transcript, note: `import ${note}` });
    mkdirSync(path.dirname(file), { recursive: true });
    await cli.run(wslArgs.exportVhd(distro, file), { timeoutMs: request.timeoutMs, transcript, note: `export ${note}` });
    return { kind: "vhd", file, distro };
  } catch (error) {
    await removeTemplate(request, record).catch((cleanupError: unknown) => transcript?.note(`removing ${distro} failed: ${String(cleanupError)}`));
    if (!isVhdExportUnsupported(error)) throw error;
    const shown = error instanceof WslError ? (error.code ?? "the usage text, no code") : String(error);
    return { kind: "tar", reason: `this wsl.exe cannot export a VHD (\`wsl --export --format vhd\`: ${shown}); every suite file imports the tarball` };
  }
}

async function removeTemplate(request: RunTemplateRequest, record: DistroRecord): Promise<void> {
  if ((await request.cli.list()).some((e) => e.name.toLowerCase() === record.name.toLowerCase())) {
    await request.cli.run(wslArgs.unregister(record.name), { transcript: request.transcript });
  }
  rmSync(record.location, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  request.ledger.remove(record.name);
}

/**
 * The process whose end ends the run: a suite file's vitest worker is a child of `nwh run`'s process, and the
 * template must outlive the worker that made it (`nwh cleanup` spares the records of live owners).
 */
function runOwnerPid(): number {
  return process.env.VITEST_WORKER_ID !== undefined ? process.ppid : process.pid;
}
