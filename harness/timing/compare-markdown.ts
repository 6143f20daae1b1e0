import type { BenchComparison, ProbeDelta } from "./compare-results.ts";
import { cell, formatMs } from "../model/format-ms.ts";

/** The comparison as a markdown table: one row per probe, one column per run (the first is the baseline). */
export function compareMarkdown(comparison: BenchComparison): string {
  const lines: string[] = ["## Bench comparison", ""];
  comparison.runs.forEach((run, i) => {
    const facts = [run.backend, run.wslVersion && `WSL ${run.wslVersion}`, run.kernelVersion && `kernel ${run.kernelVersion}`, `n=${run.n}`].filter(Boolean).join(", ");
    lines.push(`- **${String.fromCharCode(65 + (i % 26))}**${i === 0 ? " (baseline)" : ""}: ${cell(run.label)} — ${facts}`);
  });
  lines.push("");
  if (new Set(comparison.runs.map((r) => r.schemaVersion)).size > 1) {
    lines.push(
      "⚠ These files mix bench.json schema versions: in version 1 the boot probes (time-to-running, time-to-user-session, first-start) end when the harness noticed, in version 2 at the distro's own instant, so version 1's are larger by the detection latency. Compare those probes only between files of one version.",
      "",
    );
  }
  const letters = comparison.runs.map((_, i) => String.fromCharCode(65 + (i % 26)));
  lines.push(`| probe | ${letters.map((l, i) => (i === 0 ? `${l} median` : `${l} median (ratio, p)`)).join(" | ")} |`);
  lines.push(`|---|${letters.map(() => "---:").join("|")}|`);
  for (const probe of comparison.probes) {
    lines.push(`| ${cell(probe.name)} | ${probe.runs.map((d, i) => (i === 0 ? formatMs(d.medianMs) : deltaCell(d))).join(" | ")} |`);
  }
  lines.push("");
  const moved = comparison.probes.flatMap((probe) =>
    probe.runs.flatMap((d, i) =>
      d.movedPhase
        ? [
            `- ${cell(probe.name)} in ${letters[i]} is slower${d.regression ? " (**REGRESSION**)" : ""}: the phase that moved is **${cell(d.movedPhase.phase)}** (${signedMs(d.movedPhase.deltaMs)}, ${formatP(d.movedPhase.p)}${d.movedPhase.significant ? "" : ", not significant alone"}); ${(d.phases ?? [])
              .filter((m) => m.phase !== d.movedPhase!.phase)
              .map((m) => `${cell(m.phase)} ${signedMs(m.deltaMs)}`)
              .join(", ")}`,
          ]
        : [],
    ),
  );
  if (moved.length) lines.push("**Which boot phase moved** (medians of the per-sample phases against the baseline's):", "", ...moved, "");
  const gate = comparison.failIfSlower === undefined ? "" : `; regression = significantly slower and median ratio > ${formatPercent(1 + comparison.failIfSlower)}`;
  lines.push(`Significant = Mann-Whitney U p < ${comparison.alpha} and the 95% bootstrap interval of the median ratio excludes 1${gate}.`);
  if (comparison.failIfSlower !== undefined) {
    lines.push("");
    lines.push(
      comparison.regressions.length === 0
        ? `**No probe is slower than the baseline by more than ${formatPercent(comparison.failIfSlower)}.**`
        : `**Regressions:** ${comparison.regressions.map((r) => `${r.probe} in ${r.run} (×${r.ratio.toFixed(2)}, ${formatP(r.p)})`).join("; ")}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function deltaCell(d: ProbeDelta): string {
  if (d.verdict === "n/a" || d.ratio === null || d.p === null) return formatMs(d.medianMs);
  const mark = d.regression ? " **REGRESSION**" : d.verdict === "slower" ? " slower" : d.verdict === "faster" ? " faster" : "";
  return `${formatMs(d.medianMs)} (×${d.ratio.toFixed(2)}, ${formatP(d.p)})${mark}`;
}

function signedMs(ms: number): string {
  return `${ms >= 0 ? "+" : "−"}${formatMs(Math.abs(ms))}`;
}

function formatP(p: number): string {
  return p < 0.001 ? "p<0.001" : `p=${p.toFixed(3)}`;
}

function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
