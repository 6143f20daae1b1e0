import type { BenchProbeResult } from "../../model/bench-schema.ts";
import { escapeHtml } from "./escape-html.ts";
import { formatMs } from "../../model/format-ms.ts";

/** One bench.json's figures under a label (a file name, a WSL version...). */
export interface BenchSeries {
  label: string;
  probes: readonly BenchProbeResult[];
}

const PALETTE = ["#2563eb", "#d97706", "#059669", "#dc2626", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];
const ROW = 18;
const GROUP_GAP = 14;
const LABEL_WIDTH = 180;
const PLOT_WIDTH = 560;
const RIGHT = 90;

/**
 * A horizontal chart: per probe, one row per series with a bar to the median, a whisker from min to p95,
 * the 95% CI of the median as a thicker band and the median as a point. Probes not applicable or without
 * samples are listed as such. Drawn as static SVG (no script, no network).
 */
export function benchChartSvg(series: readonly BenchSeries[]): string {
  const names = [...new Set(series.flatMap((s) => s.probes.map((p) => p.name)))];
  const max = Math.max(1, ...series.flatMap((s) => s.probes.map((p) => Math.max(p.p95Ms ?? 0, p.maxMs ?? 0, p.ci95MedianMs?.[1] ?? 0))));
  const scale = niceScale(max);
  const x = (ms: number) => LABEL_WIDTH + (Math.max(0, ms) / scale.max) * PLOT_WIDTH;
  const parts: string[] = [];
  let y = 24;
  for (const name of names) {
    parts.push(`<text class="probe" x="4" y="${y + ROW * 0.7}">${escapeHtml(name)}</text>`);
    series.forEach((s, i) => {
      const probe = s.probes.find((p) => p.name === name);
      const color = PALETTE[i % PALETTE.length];
      const mid = y + ROW / 2;
      const tip = probe ? tooltip(s.label, probe) : `${s.label}: not measured`;
      if (!probe || probe.medianMs === null || probe.n === 0) {
        parts.push(`<text class="na" x="${LABEL_WIDTH + 4}" y="${mid + 4}"><title>${escapeHtml(tip)}</title>${escapeHtml(`${s.label}: ${probe?.notApplicableReason ?? probe?.error ?? "no samples"}`)}</text>`);
      } else {
        const lo = probe.minMs ?? probe.medianMs;
        const hi = probe.p95Ms ?? probe.maxMs ?? probe.medianMs;
        parts.push(`<g class="series-${i}"><title>${escapeHtml(tip)}</title>`);
        parts.push(`<rect class="bar" x="${LABEL_WIDTH}" y="${mid - 5}" width="${(x(probe.medianMs) - LABEL_WIDTH).toFixed(1)}" height="10" fill="${color}" fill-opacity="0.35"/>`);
        parts.push(`<line class="whisker" x1="${x(lo).toFixed(1)}" x2="${x(hi).toFixed(1)}" y1="${mid}" y2="${mid}" stroke="${color}" stroke-width="1.5"/>`);
        for (const end of [lo, hi]) parts.push(`<line class="whisker-cap" x1="${x(end).toFixed(1)}" x2="${x(end).toFixed(1)}" y1="${mid - 4}" y2="${mid + 4}" stroke="${color}" stroke-width="1.5"/>`);
        if (probe.ci95MedianMs) {
          const [clo, chi] = probe.ci95MedianMs;
          parts.push(`<rect class="ci" x="${x(clo).toFixed(1)}" y="${mid - 3}" width="${Math.max(1, x(chi) - x(clo)).toFixed(1)}" height="6" fill="${color}" fill-opacity="0.7"/>`);
        }
        parts.push(`<circle class="median" cx="${x(probe.medianMs).toFixed(1)}" cy="${mid}" r="4" fill="${color}"/>`);
        parts.push(`<text class="value" x="${LABEL_WIDTH + PLOT_WIDTH + 6}" y="${mid + 4}">${formatMs(probe.medianMs)}</text></g>`);
      }
      y += ROW;
    });
    y += GROUP_GAP;
  }
  const height = y + 10;
  const axis = scale.ticks
    .map((t) => `<line class="grid" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="16" y2="${height - 10}"/><text class="tick" x="${x(t).toFixed(1)}" y="12" text-anchor="middle">${formatMs(t)}</text>`)
    .join("");
  const width = LABEL_WIDTH + PLOT_WIDTH + RIGHT;
  return `<svg class="bench-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="bench medians with min–p95 whiskers and 95% CI of the median">${axis}${parts.join("")}</svg>`;
}

/** Legend: one swatch per series. */
export function benchLegendHtml(series: readonly BenchSeries[]): string {
  const items = series.map((s, i) => `<span class="legend-item"><span class="swatch" style="background:${PALETTE[i % PALETTE.length]}"></span>${escapeHtml(s.label)}</span>`);
  return `<div class="legend">${items.join("")}<span class="legend-note">bar and dot: median · thin whisker: min–p95 · thick band: 95% CI of the median</span></div>`;
}

function tooltip(label: string, p: BenchProbeResult): string {
  const ci = p.ci95MedianMs ? `, CI95 ${formatMs(p.ci95MedianMs[0])}–${formatMs(p.ci95MedianMs[1])}` : "";
  return `${label} · ${p.name}: n=${p.n}, median ${formatMs(p.medianMs)}, min ${formatMs(p.minMs)}, p95 ${formatMs(p.p95Ms)}, max ${formatMs(p.maxMs)}${ci}, outliers ${p.outliers.length}`;
}

function niceScale(max: number): { max: number; ticks: number[] } {
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { max: top, ticks };
}
