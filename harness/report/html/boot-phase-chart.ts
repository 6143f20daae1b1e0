import { BOOT_PHASES } from "../../model/bench-schema.ts";
import { median } from "../../model/statistics.ts";
import { absentPhaseNotes } from "../../model/absent-phase-notes.ts";
import { formatMs } from "../../model/format-ms.ts";
import type { BenchSeries } from "./bench-chart.ts";
import { escapeHtml } from "./escape-html.ts";

const PHASE_COLORS: Record<string, string> = {
  start: "#64748b",
  kernel: "#a855f7",
  activation: "#f59e0b",
  "systemd-userspace": "#2563eb",
  "user-session": "#10b981",
};
const ROW = 20;
const GROUP_GAP = 14;
const LABEL_WIDTH = 180;
const PLOT_WIDTH = 560;
const RIGHT = 90;

/** Median ms per phase of one probe's bootSamples, in BOOT_PHASES order (phases it never reports left out). */
export function phaseMedians(samples: ReadonlyArray<{ phasesMs: Record<string, number> }>): Array<{ phase: string; ms: number }> {
  return BOOT_PHASES.flatMap((phase) => {
    const values = samples.map((s) => s.phasesMs[phase]).filter((v): v is number => v !== undefined);
    return values.length ? [{ phase, ms: median(values) }] : [];
  });
}

/**
 * Per boot probe (one with per-sample phases), one stacked bar per bench file: the median of each phase, end to
 * end, in the order they happen. Static SVG; empty string when no series has boot phases.
 */
export function bootPhaseChartSvg(series: readonly BenchSeries[]): string {
  const probes = [...new Set(series.flatMap((s) => s.probes.filter((p) => p.bootSamples?.length).map((p) => p.name)))];
  if (probes.length === 0) return "";
  const stacks = probes.map((name) => ({
    name,
    rows: series.map((s) => {
      const probe = s.probes.find((p) => p.name === name);
      return { label: s.label, phases: probe?.bootSamples?.length ? phaseMedians(probe.bootSamples) : [] };
    }),
  }));
  const max = Math.max(1, ...stacks.flatMap((st) => st.rows.map((r) => r.phases.reduce((sum, p) => sum + p.ms, 0))));
  const scale = PLOT_WIDTH / max;
  const parts: string[] = [];
  let y = 8;
  for (const stack of stacks) {
    parts.push(`<text class="probe" x="4" y="${y + 12}">${escapeHtml(stack.name)}</text>`);
    y += 18;
    for (const row of stack.rows) {
      parts.push(`<text class="series-label" x="12" y="${y + 14}">${escapeHtml(row.label)}</text>`);
      let x = LABEL_WIDTH;
      for (const { phase, ms } of row.phases) {
        const width = ms * scale;
        parts.push(
          `<rect class="phase phase-${phase}" x="${x.toFixed(1)}" y="${y + 3}" width="${Math.max(0.5, width).toFixed(1)}" height="${ROW - 6}" fill="${PHASE_COLORS[phase] ?? "#999"}"><title>${escapeHtml(`${row.label} · ${stack.name} · ${phase}: median ${formatMs(ms)}`)}</title></rect>`,
        );
        x += width;
      }
      const total = row.phases.reduce((sum, p) => sum + p.ms, 0);
      parts.push(`<text class="value" x="${(LABEL_WIDTH + PLOT_WIDTH + 6).toFixed(1)}" y="${y + 14}">${row.phases.length ? formatMs(total) : "no phases"}</text>`);
      y += ROW;
    }
    y += GROUP_GAP;
  }
  const width = LABEL_WIDTH + PLOT_WIDTH + RIGHT;
  const legend = BOOT_PHASES.map((phase) => `<span class="legend-item"><span class="swatch" style="background:${PHASE_COLORS[phase]}"></span>${escapeHtml(phase)}</span>`).join("");
  const notes = series.flatMap((s) => s.probes.flatMap((p) => absentPhaseNotes(p.bootSamples ?? []).map((note) => `<li>${escapeHtml(`${s.label} · ${p.name} · ${note}`)}</li>`)));
  const notesHtml = notes.length > 0 ? `<p>Phases without a bar, and why:</p><ul class="phase-notes">${notes.join("")}</ul>` : "";
  return `<h3>Boot phases (medians per phase, stacked)</h3><div class="legend">${legend}</div>${notesHtml}<svg class="boot-phase-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${y}" width="${width}" height="${y}" role="img" aria-label="median of each boot phase, stacked per probe and bench file">${parts.join("")}</svg>`;
}
