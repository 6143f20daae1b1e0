import { randomBytes } from "node:crypto";
import type { Backend, Capability, DistroInfo } from "../backend.ts";
import { backendDescriptor, createBackend, hostFatalFix } from "../backends/registry.ts";
import { Distro } from "../distro.ts";
import { hasNixpkgsOffline } from "./nixpkgs-probe.ts";
import { killLiveProcessesOnExit } from "../exec/index.ts";
import { Transcript } from "../exec/transcript.ts";
import type { NwhFileMeta } from "../model/test-meta.ts";
import type { RunContext } from "../model/run-context.ts";
import { waitUntil } from "../wait.ts";
import { DEFAULT_TIMEOUTS } from "../model/default-timeouts.ts";
import { recordKeptDistro } from "../model/kept-distros.ts";

/** One suite file's distro: imported fresh (or adopted), with what the reports need to know about it. */
export interface Machine {
  run: RunContext;
  backend: Backend;
  info: DistroInfo;
  /** Records import and first boot; each test gets its own transcript through `distro.withTranscript`. */
  distro: Distro;
  capabilities: ReadonlySet<Capability>;
  meta: NwhFileMeta;
  /** Set by the test fixture when a test of this file failed (`--keep-failed` keeps the distro then). */
  hadFailure: boolean;
}

/** `nwh-<suite>-<6 random hex>`: the run's resources are findable by prefix, and names never collide. */
export function distroNameFor(suite: string): string {
  const slug = suite.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "suite";
  return `nwh-${slug}-${randomBytes(3).toString("hex")}`;
}

/** Imports (or adopts) the suite's distro, boots it, and records import and first-boot timings. */
export async function startMachine(run: RunContext, suite: string, transcript = new Transcript()): Promise<Machine> {
  // This worker is SIGTERM'd when the run is interrupted; what it started must not outlive it.
  killLiveProcessesOnExit();
  const backend = await createBackend(run.backend, {
    runId: run.runId,
    workDir: run.workDir,
    wslExe: run.wslExe,
    wslImport: run.wslImport,
    execTimeoutMs: run.timeouts.execMs,
    bootTimeoutMs: run.timeouts.bootMs,
    transcript,
  });
  let info: DistroInfo | undefined;
  try {
    const importStarted = performance.now();
    if (run.distro) info = await backend.adoptDistro(run.distro);
    else if (run.tarball) info = await backend.importDistro({ name: distroNameFor(suite), tarball: run.tarball, transcript });
    else throw new Error("the run context names neither a tarball nor a distro; start the suites through `nwh run`");
    const importMs = performance.now() - importStarted;

    const distro = new Distro({ backend, name: info.name, timeouts: run.timeouts, transcript });
    const probed = await backend.capabilities(info.name);
    const declared = run.declaredCapabilities ?? [];
    const capabilities = new Set<Capability>([...probed, ...declared]);
    const bootStarted = performance.now();
    await distro.succeed(["true"], { timeoutMs: run.timeouts.bootMs });
    if (capabilities.has("systemd")) await waitForBootFinished(distro, run.timeouts.bootMs);
    const firstBootMs = performance.now() - bootStarted;
    if (await hasNixpkgsOffline(distro)) capabilities.add("nixpkgs");

    const version = await distro.execute(["nixos-version"]);
    const meta: NwhFileMeta = {
      distro: info.name,
      nixosVersion: version.exitCode === 0 ? version.stdout.trim() : undefined,
      capabilities: [...capabilities].sort(),
      properties: {
        backend: backend.kind,
        "distro.owned": String(info.owned),
        ...(declared.length > 0 ? { "capabilities.declared": declared.join(",") } : {}),
        ...(info.tarballSha256 ? { "tarball.sha256": info.tarballSha256 } : {}),
        // Whatever tarball it came from, a stand-in is never reported as NixOS.
        ...(capabilities.has("nixos-standin") ? { standin: "true: Linux stand-in distro, not NixOS" } : {}),
      },
      timingsMs: run.distro ? { firstBoot: round(firstBootMs) } : { import: round(importMs), firstBoot: round(firstBootMs) },
      transcript: [...transcript.entries],
    };
    return { run, backend, info, distro, capabilities, meta, hadFailure: false };
  } catch (error) {
    // A half-made distro is removed (kept with --keep-failed: its start failed), then the original error is rethrown.
    if (info?.owned && run.keepFailed && !run.keep) {
      keepForDebugging(run, backend, info.name, suite, `its start failed: ${(error as Error).message.split("\n")[0]}`);
      throw error;
    }
    if (info?.owned && !run.keep) await backend.unregister(info.name).catch(() => {});
    if (!run.keep) await backend.dispose().catch(() => {});
    throw error;
  }
}

/** Unregisters what the machine imported (never an adopted distro), unless the run keeps distros (or this one failed). */
export async function stopMachine(machine: Machine, suite: string): Promise<void> {
  const { run, backend, info } = machine;
  if (!run.keep && run.keepFailed && machine.hadFailure && info.owned) {
    keepForDebugging(run, backend, info.name, suite, "a test failed");
    return;
  }
  if (run.keep) {
    if (info.owned) {
      backend.keepDistro?.(info.name);
      process.stderr.write(`nwh: kept distro ${info.name} for debugging (--keep)\n`);
    }
    return;
  }
  try {
    if (info.owned) await backend.unregister(info.name);
  } finally {
    await backend.dispose();
  }
}

/** `--keep-failed`: the distro stays registered, and `nwh run` names it in the summary with the way in. */
function keepForDebugging(run: RunContext, backend: Backend, name: string, suite: string, reason: string): void {
  backend.keepDistro?.(name);
  recordKeptDistro(run.workDir, { name, suite, reason, enter: enterCommandFor(run, name) });
  process.stderr.write(`nwh: kept distro ${name} for debugging (--keep-failed: ${reason})\n`);
}

/**
 * Boot is finished when systemd says running or degraded (a degraded system is reported by the systemd
 * suite, not here). Polled as WSL's init does, bounded by the boot timeout.
 */
async function waitForBootFinished(distro: Distro, timeoutMs: number): Promise<void> {
  await waitUntil(
    async (remainingMs) => {
      const r = await distro.execute(["systemctl", "is-system-running"], { timeoutMs: Math.min(remainingMs, DEFAULT_TIMEOUTS.pollCallCapMs) });
      const state = r.stdout.trim();
      if (state === "running" || state === "degraded") return true;
      throw new Error(`systemctl is-system-running: ${state || r.stderr.trim()}`);
    },
    { what: `the first boot of ${distro.name} to finish`, timeoutMs, intervalMs: 100, maxIntervalMs: 250, diagnose: () => distro.collectDiagnostics("first boot did not finish") },
  );
}

function round(ms: number): number {
  return Math.round(ms);
}

/** How a person gets a shell in this run's distro NAME (`wsl -d NAME`, the `docker exec` line). */
export function enterCommandFor(run: RunContext, name: string): string {
  return backendDescriptor(run.backend).enterCommand(run.runId, name);
}

/** The fix when a start failed because this host cannot run the run's backend at all, else undefined. */
export function hostFatalOf(run: RunContext, error: unknown): string | undefined {
  return hostFatalFix(run.backend, error);
}
