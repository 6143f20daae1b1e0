import type { SuiteReport } from "../report-model.ts";
import { formatMs } from "../../model/format-ms.ts";
import { escapeHtml } from "./escape-html.ts";
import { PHASE_COLORS } from "./phase-colors.ts";
import { suitePhases } from "./suite-phases.ts";

const ROW = 22;
const BAR_HEIGHT = 14;
const LABEL_WIDTH = 220;
const PLOT_WIDTH = 620;
const RIGHT = 80;

const PARTS = [
  { key: "import", label: "import", color: PHASE_COLORS.import },
  { key: "boot", label: "first boot", color: PHASE_COLORS.boot },
  { key: "passed", label: "passed tests", color: PHASE_COLORS.tests },
  { key: "failed", label: "failed tests", color: PHASE_COLORS.failed },
  { key: "skipped", label: "skipped tests", color: PHASE_COLORS.skipped },
  { key: "other", label: "setup, collection, teardown", color: PHASE_COLORS.other },
] as const;

/** Per suite file, one stacked bar of where its time went, on a scale shared by all suites. */
export function suiteTimeBarsSvg(suites: readonly SuiteReport[]): string {
  if (suites.length === 0) return "";
  const rows = suites.map((suite) => {
    const p = suitePhases(suite);
    const values: Record<(typeof PARTS)[number]["key"], number> = {
      import: p.importMs,
      boot: p.firstBootMs,
      passed: p.byStatusMs.passed,
      failed: p.byStatusMs.failed + p.byStatusMs.error,
      skipped: p.byStatusMs.skipped,
      other: p.otherMs,
    };
    return { suite: suite.name, total: p.durationMs, values };
  });
  const max = Math.max(1, ...rows.map((r) => r.total));
  const scale = PLOT_WIDTH / max;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = 8 + i * ROW;
    parts.push(`<g class="suite-time" data-suite="${escapeHtml(row.suite)}"><text class="suite-label" x="4" y="${y + BAR_HEIGHT * 0.8}">${escapeHtml(row.suite)}</text>`);
    let cursor = LABEL_WIDTH;
    for (const part of PARTS) {
      const ms = row.values[part.key];
      if (ms <= 0) continue;
      const width = Math.max(0.5, ms * scale);
      parts.push(`<rect class="part part-${part.key}" x="${cursor.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${part.color}"><title>${escapeHtml(`${row.suite} · ${part.label}: ${formatMs(ms)} (${Math.round((ms / Math.max(1, row.total)) * 100)}%)`)}</title></rect>`);
      cursor += width;
    }
    parts.push(`<text class="value" x="${(LABEL_WIDTH + PLOT_WIDTH + 6).toFixed(1)}" y="${y + BAR_HEIGHT * 0.8}">${formatMs(row.total)}</text></g>`);
  });
  const width = LABEL_WIDTH + PLOT_WIDTH + RIGHT;
  const height = 16 + rows.length * ROW;
  return `<svg class="suite-time-bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="per suite file: where its time went">${parts.join("")}</svg>`;
}

/** The colour key of both charts. */
export function phaseLegendHtml(): string {
  const items = PARTS.map((p) => `<span class="legend-item"><span class="swatch" style="background:${p.color}"></span>${escapeHtml(p.label)}</span>`);
  return `<div class="legend">${items.join("")}<span class="legend-item"><span class="swatch failure-swatch"></span>a failed test (timeline)</span></div>`;
}
