import type { BenchResult } from "../model/bench-schema.ts";
import { cell, formatMs } from "../model/format-ms.ts";

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
    `${result.repetitions} repetitions after ${result.warmup} warm-up, ${result.createdAt}. ${facts.map(([k, v]) => `${k}: ${cell(v!)}`).join("; ")}.`,
    "",
    "| probe | n | median | 95% CI of median | p95 | min | max | MAD | outliers | from → to |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const p of result.probes) {
    if (!p.applicable) {
      lines.push(`| ${cell(p.name)} | — | not applicable: ${cell(p.notApplicableReason ?? "")} | | | | | | | ${cell(`${p.from} → ${p.to}`)} |`);
      continue;
    }
    const ci = p.ci95MedianMs ? `${formatMs(p.ci95MedianMs[0])} – ${formatMs(p.ci95MedianMs[1])}` : "—";
    const median = p.error ? `${formatMs(p.medianMs)} ⚠` : formatMs(p.medianMs);
    lines.push(
      `| ${cell(p.name)} | ${p.n} | ${median} | ${ci} | ${formatMs(p.p95Ms)} | ${formatMs(p.minMs)} | ${formatMs(p.maxMs)} | ${formatMs(p.madMs)} | ${p.outliers.length} | ${cell(`${p.from} → ${p.to}`)} |`,
    );
  }
  const failed = result.probes.filter((p) => p.error);
  if (failed.length) lines.push("", ...failed.map((p) => `⚠ ${p.name}: ${cell(p.error!)}`));
  lines.push("", "Outliers: samples beyond Tukey's far-out fences (Q1 − 3·IQR, Q3 + 3·IQR); flagged, still counted. Raw samples in bench.json (`samplesMs`).");
  return `${lines.join("\n")}\n`;
}
