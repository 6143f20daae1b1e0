import { randomBytes } from "node:crypto";
import type { Backend, Capability, DistroInfo, StartedDistro } from "../backend.ts";
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
  /** The file's distro: name, owned, tarball (its handle is `distro.handle`). */
  info: DistroInfo;
  /** Records import and first boot; each test gets its own transcript through `distro.withTranscript`. */
  distro: Distro;
  capabilities: ReadonlySet<Capability>;
  meta: NwhFileMeta;
  /** Set by the test fixture when a test of this file failed (`--keep-failed` keeps the distro then). */
  hadFailure: boolean;
  /**
   * Imports one more distro from a tarball (a test that builds one, as upstream's "Extra Files", or the run's own for a
   * first start nobody has made yet, as upstream's first test), recording into `transcript`. Not started or probed. It is removed with the machine, or kept when the machine's distro is (--keep, --keep-failed).
   */
  importDistro(tarball: string, purpose: string, transcript?: Transcript): Promise<Distro>;
}

/** What stopMachine needs and a suite never touches: the backend, and the extra distros imported through the machine. */
interface MachineParts {
  backend: Backend;
  suite: string;
  extras: StartedDistro[];
}
const partsOf = new WeakMap<Machine, MachineParts>();

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
  let info: StartedDistro | undefined;
  try {
    const importStarted = performance.now();
    if (run.distro) info = await backend.adoptDistro(run.distro);
    else if (run.tarball) info = await backend.importDistro({ name: distroNameFor(suite), tarball: run.tarball, tarballSha256: run.tarballSha256, transcript });
    else throw new Error("the run context names neither a tarball nor a distro; start the suites through `nwh run`");
    const importMs = performance.now() - importStarted;

    const distro = new Distro({ handle: info, timeouts: run.timeouts, transcript });
    const probed = await info.capabilities();
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
    const parts: MachineParts = { backend, suite, extras: [] };
    const machine: Machine = {
      run,
      info: { name: info.name, owned: info.owned, tarball: info.tarball, tarballSha256: info.tarballSha256 },
      distro,
      capabilities,
      meta,
      hadFailure: false,
      async importDistro(tarball, purpose, extraTranscript = transcript) {
        const tarballSha256 = tarball === run.tarball ? run.tarballSha256 : undefined; // the run's tarball is hashed already
        const handle = await backend.importDistro({ name: distroNameFor(purpose), tarball, tarballSha256, transcript: extraTranscript });
        parts.extras.push(handle);
        return new Distro({ handle, timeouts: run.timeouts, transcript: extraTranscript });
      },
    };
    partsOf.set(machine, parts);
    return machine;
  } catch (error) {
    // A half-made distro is removed (kept with --keep-failed: its start failed), then the original error is rethrown.
    if (info?.owned && run.keepFailed && !run.keep) {
      keepForDebugging(run, info, suite, `its start failed: ${(error as Error).message.split("\n")[0]}`);
      throw error;
    }
    if (info?.owned && !run.keep) await info.unregister().catch(() => {});
    if (!run.keep) await backend.dispose().catch(() => {});
    throw error;
  }
}

/** Unregisters what the machine imported (never an adopted distro), unless the run keeps distros (or this one failed). */
export async function stopMachine(machine: Machine, suite: string): Promise<void> {
  const { run, info } = machine;
  const parts = partsOf.get(machine);
  if (!parts) throw new Error(`stopMachine: ${info.name} was not started by startMachine`);
  const handle = machine.distro.handle;
  if (!run.keep && run.keepFailed && machine.hadFailure && info.owned) {
    for (const distro of [handle, ...parts.extras]) keepForDebugging(run, distro, suite, "a test failed");
    return;
  }
  if (run.keep) {
    for (const distro of [handle, ...parts.extras].filter((d) => d.owned)) {
      distro.keep();
      process.stderr.write(`nwh: kept distro ${distro.name} for debugging (--keep)\n`);
    }
    return;
  }
  try {
    for (const extra of parts.extras) await extra.unregister();
    if (info.owned) await handle.unregister();
  } finally {
    await parts.backend.dispose();
  }
}

/** `--keep-failed`: the distro stays registered, and `nwh run` names it in the summary with the way in. */
function keepForDebugging(run: RunContext, distro: StartedDistro, suite: string, reason: string): void {
  distro.keep();
  recordKeptDistro(run.workDir, { name: distro.name, suite, reason, enter: enterCommandFor(run, distro.name) });
  process.stderr.write(`nwh: kept distro ${distro.name} for debugging (--keep-failed: ${reason})\n`);
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
