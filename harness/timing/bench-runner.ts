import { randomBytes } from "node:crypto";
import type { Backend, StartedDistro } from "../backend.ts";
import { backendDescriptor } from "../backends/registry.ts";
import type { BenchProbeResult, BootSample } from "../model/bench-schema.ts";
import { type Probe, type ProbeContext, type ProbeInfo, ProbeNotApplicableError, type RebuildCommands } from "./probe.ts";
import { medianCiHalfWidth } from "../model/power.ts";
import { summarize } from "../model/statistics.ts";

/** Where the bench is: for progress output. `warmup` repetitions come first and are not counted. */
export interface BenchProgressEvent {
  probeIndex: number;
  probeCount: number;
  probeName: string;
  repetition: number;
  repetitions: number;
  warmup: boolean;
}

export interface BenchRunOptions {
  backend: Backend;
  tarball: string;
  probes: readonly Probe[];
  repetitions: number;
  warmup: number;
  timeouts: { bootMs: number; execMs: number };
  rebuild?: RebuildCommands;
  onProgress?: (event: BenchProgressEvent) => void;
  /** Called when a probe stops on an error (the bench goes on with the next probe). */
  onProbeError?: (probeName: string, message: string) => void;
  /** Aborts between repetitions (SIGINT); the distros made so far are still removed. */
  signal?: AbortSignal;
  /** Injected by tests; performance.now by default. */
  now?: () => number;
  /** Seed of the bootstrap intervals. */
  seed?: number;
  /**
   * `--precision`: after `repetitions`, go on until the median's 95% interval of the probe's own figure is within
   * ± target of the median, or `maxRepetitions` measured repetitions.
   */
  precision?: { target: number; maxRepetitions: number };
}

/** A random distro name `nwh-bench-<8 hex>`. */
export function benchDistroName(): string {
  return `nwh-bench-${randomBytes(4).toString("hex")}`;
}

/**
 * Runs every probe strictly in sequence: `warmup` discarded repetitions, then `repetitions` measured ones.
 * A probe whose repetition fails stops there and reports the error with the samples it has; the next probe runs.
 * Every distro it imported is unregistered before it returns or throws.
 */
export async function runBenchProbes(options: BenchRunOptions): Promise<BenchProbeResult[]> {
  const { backend } = options;
  const now = options.now ?? (() => performance.now());
  const created = new Set<StartedDistro>();
  let shared: Promise<StartedDistro> | undefined;
  const details = new Map<string, Record<string, unknown>>();
  let currentProbe = "";

  const importFresh = async () => {
    const start = now();
    const distro = await backend.importDistro({ name: benchDistroName(), tarball: options.tarball });
    created.add(distro);
    return { distro, importMs: now() - start };
  };
  const { startFacts } = backendDescriptor(backend.kind);
  const ctx: ProbeContext = {
    startFacts,
    tarball: options.tarball,
    timeouts: options.timeouts,
    rebuild: options.rebuild,
    now,
    importFresh,
    async remove(distro) {
      await distro.unregister();
      created.delete(distro);
    },
    sharedDistro() {
      shared ??= (async () => {
        const { distro } = await importFresh();
        const started = await distro.exec(["true"], { timeoutMs: options.timeouts.bootMs });
        if (started.exitCode !== 0) throw new Error(`the bench distro ${distro.name} did not start: \`true\` exited ${started.exitCode ?? started.signal}: ${started.stderr.trim().slice(-300)}`);
        return distro;
      })();
      return shared;
    },
    recordDetail(key, value) {
      const forProbe = details.get(currentProbe) ?? {};
      forProbe[key] = value;
      details.set(currentProbe, forProbe);
    },
  };

  const results: BenchProbeResult[] = [];
  try {
    for (const [probeIndex, probe] of options.probes.entries()) {
      currentProbe = probe.outputs[0]!.name;
      let notApplicable: string | undefined;
      try {
        notApplicable = probe.notApplicableOn?.(startFacts) ?? (await missingCapabilities(probe, ctx));
      } catch (caught) {
        if (options.signal?.aborted) throw options.signal.reason;
        const message = `could not prepare the probe: ${caught instanceof Error ? caught.message : String(caught)}`;
        options.onProbeError?.(currentProbe, message);
        results.push(...probe.outputs.map((info) => probeResult(info, [], { error: message })));
        continue;
      }
      if (notApplicable !== undefined) {
        results.push(...probe.outputs.map((info) => notApplicableResult(info, notApplicable)));
        continue;
      }
      const samples = new Map<string, number[]>(probe.outputs.map((o) => [o.name, []]));
      const bootSamples = new Map<string, BootSample[]>(probe.outputs.map((o) => [o.name, []]));
      let error: string | undefined;
      let notApplicableAtRun: string | undefined;
      const own = samples.get(probe.outputs[0]!.name)!;
      const { precision } = options;
      const cap = precision ? Math.max(options.repetitions, precision.maxRepetitions) : options.repetitions;
      const reached = () => precision !== undefined && own.length >= options.repetitions && (medianCiHalfWidth(own, { seed: options.seed }) ?? Number.POSITIVE_INFINITY) <= precision.target;
      for (let i = 0; i < options.warmup + cap; i++) {
        options.signal?.throwIfAborted();
        const warmup = i < options.warmup;
        if (!warmup && i - options.warmup >= options.repetitions && (precision === undefined || reached())) break;
        options.onProgress?.({
          probeIndex,
          probeCount: options.probes.length,
          probeName: probe.outputs.map((o) => o.name).join("+"),
          repetition: warmup ? i + 1 : i - options.warmup + 1,
          repetitions: warmup ? options.warmup : cap,
          warmup,
        });
        try {
          const figures = await probe.measure(ctx);
          if (!warmup) {
            for (const [name, figure] of Object.entries(figures)) {
              if (!samples.has(name)) continue;
              samples.get(name)!.push(typeof figure === "number" ? figure : figure.ms);
              if (typeof figure !== "number") bootSamples.get(name)!.push(figure.boot);
            }
          }
        } catch (caught) {
          if (caught instanceof ProbeNotApplicableError) notApplicableAtRun = caught.message;
          else if (options.signal?.aborted) throw options.signal.reason;
          else {
            error = `repetition ${i + 1}${warmup ? " (warm-up)" : ""} failed: ${caught instanceof Error ? caught.message : String(caught)}`;
            options.onProbeError?.(currentProbe, error);
          }
          break;
        }
      }
      for (const info of probe.outputs) {
        const got = samples.get(info.name)!;
        const outputNotApplicable = probe.outputNotApplicableOn?.(startFacts, info.name);
        if (outputNotApplicable !== undefined) results.push(notApplicableResult(info, outputNotApplicable));
        else if (notApplicableAtRun !== undefined) results.push(notApplicableResult(info, notApplicableAtRun));
        else if (got.length === 0 && error === undefined) results.push(notApplicableResult(info, "no repetition produced this figure (the distro did not report it)"));
        else {
          const boot = bootSamples.get(info.name)!;
          const isOwn = info === probe.outputs[0];
          let result = probeResult(info, got, { error, details: isOwn ? details.get(currentProbe) : undefined, seed: options.seed });
          if (isOwn && precision) result = { ...result, precision: { target: precision.target, maxRepetitions: cap, reached: reached(), achieved: medianCiHalfWidth(got, { seed: options.seed }) } };
          // Per-sample boot facts only when every sample has them (they are parallel to samplesMs).
          results.push(boot.length > 0 && boot.length === got.length ? { ...result, bootSamples: boot } : result);
        }
      }
    }
  } finally {
    for (const distro of created) await distro.unregister().catch(() => undefined);
  }
  return results;
}

async function missingCapabilities(probe: Probe, ctx: ProbeContext): Promise<string | undefined> {
  if (!probe.requires?.length) return undefined;
  const have = await (await ctx.sharedDistro()).capabilities();
  const missing = probe.requires.filter((c) => !have.has(c));
  return missing.length ? `the distro lacks ${missing.join(", ")}` : undefined;
}

export function notApplicableResult(info: ProbeInfo, reason: string): BenchProbeResult {
  return {
    ...info,
    applicable: false,
    notApplicableReason: reason,
    n: 0,
    minMs: null,
    medianMs: null,
    p95Ms: null,
    maxMs: null,
    meanMs: null,
    stddevMs: null,
    madMs: null,
    ci95MedianMs: null,
    outliers: [],
    samplesMs: [],
  };
}

/** Statistics of one probe's samples; null figures when there are none (a failed first repetition). */
export function probeResult(info: ProbeInfo, samplesMs: number[], extra: { error?: string; details?: Record<string, unknown>; seed?: number } = {}): BenchProbeResult {
  const base = { ...info, applicable: true, ...(extra.error ? { error: extra.error } : {}), ...(extra.details ? { details: extra.details } : {}) };
  if (samplesMs.length === 0) {
    const { applicable: _a, notApplicableReason: _r, ...empty } = notApplicableResult(info, "");
    return { ...empty, ...base };
  }
  const s = summarize(samplesMs, { seed: extra.seed });
  return {
    ...base,
    n: s.n,
    minMs: s.min,
    medianMs: s.median,
    p95Ms: s.p95,
    maxMs: s.max,
    meanMs: s.mean,
    stddevMs: s.stddev,
    madMs: s.mad,
    ci95MedianMs: s.ci95Median,
    outliers: s.outliers,
    samplesMs,
  };
}
