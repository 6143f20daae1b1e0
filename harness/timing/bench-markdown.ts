import type { BenchProbeResult, BenchResult } from "../model/bench-schema.ts";
import { BOOT_PHASES } from "./boot-instants.ts";
import { cell, formatMs } from "../model/format-ms.ts";
import { detectableSlowdown } from "../model/power.ts";
import { median } from "../model/statistics.ts";
import { absentPhaseNotes } from "../model/absent-phase-notes.ts";

/** bench.md: the environment, then one row per probe with its statistics. */
export function benchMarkdown(result: BenchResult): string {
  const e = result.environment;
  const facts = [
    ["backend", e.backend],
    ["WSL", e.wslVersion],
    ["kernel", e.kernelVersion],
    ["WSLg", e.wslgVersion],
    ["Windows", e.windowsVersion],
    ["runner image", e.runnerImage],
    ["CPU", e.cpuModel ? `${e.cpuModel} (${e.cpuCores} cores)` : ""],
    ["host", e.hostOs],
    ["tarball", e.tarball ? `${e.tarball} (sha256 ${e.tarballSha256.slice(0, 16)}…)` : ""],
    ["harness", e.harnessVersion],
  ].filter(([, v]) => v);
  const lines = [
    "## Boot and rebuild timings",
    "",
    `${result.repetitions} repetitions${result.precision ? ` (then more, up to ${result.precision.maxRepetitions}, for --precision)` : ""} after ${result.warmup} warm-up, ${result.createdAt}. ${facts.map(([k, v]) => `${k}: ${cell(v!)}`).join("; ")}.`,
    "",
    "| probe | n | median | 95% CI of median | p95 | min | max | MAD | outliers | detectable slow-down | from → to |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const p of result.probes) {
    if (!p.applicable) {
      lines.push(`| ${cell(p.name)} | — | not applicable: ${cell(p.notApplicableReason ?? "")} | | | | | | | | ${cell(`${p.from} → ${p.to}`)} |`);
      continue;
    }
    const ci = p.ci95MedianMs ? `${formatMs(p.ci95MedianMs[0])} – ${formatMs(p.ci95MedianMs[1])}` : "—";
    const median = p.error ? `${formatMs(p.medianMs)} ⚠` : formatMs(p.medianMs);
    lines.push(
      `| ${cell(p.name)} | ${p.n} | ${median} | ${ci} | ${formatMs(p.p95Ms)} | ${formatMs(p.minMs)} | ${formatMs(p.maxMs)} | ${formatMs(p.madMs)} | ${p.outliers.length} | ${formatSlowdown(detectableSlowdown(p.samplesMs))} | ${cell(`${p.from} → ${p.to}`)} |`,
    );
  }
  const failed = result.probes.filter((p) => p.error);
  if (failed.length) lines.push("", ...failed.map((p) => `⚠ ${p.name}: ${cell(p.error!)}`));
  lines.push("", "Outliers: samples beyond Tukey's far-out fences (Q1 − 3·IQR, Q3 + 3·IQR); flagged, still counted. Raw samples in bench.json (`samplesMs`).");
  lines.push(
    "Detectable slow-down: the smallest slow-down `nwh compare` (alpha 0.05) would find with 80% power against another run of this n and spread: (1.96 + 0.84)·σ·√(2/(n·2/π)) / median (the median's efficiency 2/π); ∞ when n is too small for any significant difference. More repetitions shrink it as 1/√n.",
  );
  lines.push(...precisionLines(result), ...phaseLines(result.probes));
  return `${lines.join("\n")}\n`;
}

function formatSlowdown(fraction: number | null): string {
  if (fraction === null) return "—";
  if (!Number.isFinite(fraction)) return "∞ (n too small)";
  return `${(fraction * 100).toFixed(1)}%`;
}

function precisionLines(result: BenchResult): string[] {
  if (!result.precision) return [];
  const lines = ["", `### Precision: median's 95% interval within ±${(result.precision.target * 100).toFixed(1)}%, at most ${result.precision.maxRepetitions} repetitions`, ""];
  for (const p of result.probes) {
    if (!p.precision) continue;
    const achieved = p.precision.achieved === null ? "—" : `±${(p.precision.achieved * 100).toFixed(1)}%`;
    lines.push(`- ${cell(p.name)}: ${p.precision.reached ? `reached after ${p.n} repetitions (${achieved})` : `not reached: stopped by the cap at ${p.n} repetitions (${achieved})`}`);
  }
  return lines;
}

/** Median per boot phase of each boot probe (their samples' bootSamples), and the detection latency and clock uncertainty. */
function phaseLines(probes: readonly BenchProbeResult[]): string[] {
  const boots = probes.filter((p) => p.bootSamples && p.bootSamples.length > 0);
  if (boots.length === 0) return [];
  const lines = [
    "",
    "### Boot phases (medians)",
    "",
    `| probe | ${BOOT_PHASES.join(" | ")} | figure | detection (not in the figure) | clock ± |`,
    `|---|${BOOT_PHASES.map(() => "---:").join("|")}|---:|---:|---:|`,
  ];
  for (const p of boots) {
    const samples = p.bootSamples!;
    const phaseMedian = (phase: string) => {
      const values = samples.map((b) => b.phasesMs[phase]).filter((v): v is number => v !== undefined);
      return values.length ? formatMs(median(values)) : "—";
    };
    lines.push(
      `| ${cell(p.name)} | ${BOOT_PHASES.map(phaseMedian).join(" | ")} | ${formatMs(p.medianMs)} | ${formatMs(median(samples.map((b) => b.detectionMs)))} | ${formatMs(median(samples.map((b) => b.clockUncertaintyMs)))} |`,
    );
  }
  const absent = boots.flatMap((p) => absentPhaseNotes(p.bootSamples!).map((note) => `- ${cell(p.name)}: ${note}`));
  if (absent.length > 0) lines.push("", "Phases without a figure (—), and why:", "", ...absent);
  lines.push(
    "",
    "start: the harness asked → the distro's first process (VM/instance start), less the kernel's own boot when that is known; kernel: the VM kernel's own boot, its start → `Run /init as init process` in its log (— with the reason above where there is none: a container shares the host's running kernel, a start after `wsl -t` boots none); activation: first process → systemd started (NixOS activation); systemd-userspace: systemd started → running; user-session: running → the default user's manager active. The figure ends at the distro's own instant; detection is how much later the harness's call returned.",
  );
  return lines;
}

