import type { SuiteReport } from "../report-model.ts";
import { formatMs } from "../../model/format-ms.ts";
import { escapeHtml } from "./escape-html.ts";
import { PHASE_COLORS } from "./phase-colors.ts";
import { assignLanes, type SuitePhases, suitePhases } from "./suite-phases.ts";

const LANE_HEIGHT = 30;
const BAR_HEIGHT = 20;
const LABEL_WIDTH = 80;
const PLOT_WIDTH = 900;
const TOP = 22;

/**
 * The run as a timeline: one lane per worker, each suite file a bar from its start to its end, split into
 * import, first boot and tests, with a red tick where each failed test ended and a red outline on a file
 * with failures. Static SVG; every bar has a tooltip with its figures.
 */
export function runTimelineSvg(suites: readonly SuiteReport[]): string {
  const phases = placed(suites.map(suitePhases));
  if (phases.length === 0) return "";
  const lanes = assignLanes(phases);
  const runStart = Math.min(...phases.map((p) => p.startMs!));
  const runEnd = Math.max(...phases.map((p) => p.startMs! + p.durationMs));
  const span = Math.max(1, runEnd - runStart);
  const x = (ms: number) => LABEL_WIDTH + (ms / span) * PLOT_WIDTH;
  const laneCount = Math.max(...lanes) + 1;
  const height = TOP + laneCount * LANE_HEIGHT + 8;
  const parts: string[] = [];
  for (let lane = 0; lane < laneCount; lane++) {
    const y = TOP + lane * LANE_HEIGHT;
    parts.push(`<text class="lane-label" x="4" y="${y + BAR_HEIGHT * 0.7}">worker ${lane + 1}</text><line class="lane" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y1="${y + BAR_HEIGHT + 4}" y2="${y + BAR_HEIGHT + 4}"/>`);
  }
  phases.forEach((p, i) => {
    const y = TOP + lanes[i]! * LANE_HEIGHT;
    const start = p.startMs! - runStart;
    const segments = [
      { kind: "import", from: start, ms: p.importMs, color: PHASE_COLORS.import },
      { kind: "boot", from: start + p.importMs, ms: p.firstBootMs, color: PHASE_COLORS.boot },
      { kind: "tests", from: start + p.importMs + p.firstBootMs, ms: p.durationMs - p.importMs - p.firstBootMs, color: PHASE_COLORS.tests },
    ].filter((s) => s.ms > 0);
    const failed = p.failures.length > 0;
    const tip = `${p.suite}: ${formatMs(p.durationMs)} (import ${formatMs(p.importMs)}, first boot ${formatMs(p.firstBootMs)}, tests ${formatMs(p.testsMs)})${failed ? `, ${p.failures.length} failed` : ""}`;
    parts.push(`<g class="suite-bar${failed ? " has-failures" : ""}" data-suite="${escapeHtml(p.suite)}"><title>${escapeHtml(tip)}</title>`);
    for (const s of segments) parts.push(`<rect class="seg seg-${s.kind}" x="${x(s.from).toFixed(1)}" y="${y}" width="${Math.max(0.5, x(s.from + s.ms) - x(s.from)).toFixed(1)}" height="${BAR_HEIGHT}" fill="${s.color}"/>`);
    const barEnd = x(start + p.durationMs);
    if (failed) parts.push(`<rect class="failure-outline" x="${x(start).toFixed(1)}" y="${y}" width="${Math.max(0.5, barEnd - x(start)).toFixed(1)}" height="${BAR_HEIGHT}" fill="none" stroke="${PHASE_COLORS.failed}" stroke-width="2"/>`);
    const testsFrom = start + p.importMs + p.firstBootMs;
    const testsLength = p.durationMs - p.importMs - p.firstBootMs;
    for (const f of p.failures) {
      const fx = x(testsFrom + f.at * testsLength).toFixed(1);
      parts.push(`<line class="failure-mark" x1="${fx}" x2="${fx}" y1="${y - 3}" y2="${y + BAR_HEIGHT + 3}" stroke="${PHASE_COLORS.failed}" stroke-width="2.5"><title>${escapeHtml(`failed: ${f.name}`)}</title></line>`);
    }
    const name = p.suite.replace(/^.*\//, "").replace(/\.suite\.ts$/, "");
    if (barEnd - x(start) > name.length * 6.5 + 8) parts.push(`<text class="bar-label" x="${(x(start) + 4).toFixed(1)}" y="${y + BAR_HEIGHT * 0.7}">${escapeHtml(name)}</text>`);
    parts.push("</g>");
  });
  const axis = ticks(span)
    .map((t) => `<line class="grid" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${TOP - 6}" y2="${height - 6}"/><text class="tick" x="${x(t).toFixed(1)}" y="12" text-anchor="middle">${formatMs(t)}</text>`)
    .join("");
  const width = LABEL_WIDTH + PLOT_WIDTH + 20;
  return `<svg class="run-timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="run timeline: one lane per worker, each suite file split into import, first boot and tests">${axis}${parts.join("")}</svg>`;
}

/** Suites without a start time are laid one after the other from the previous one's end. */
function placed(phases: SuitePhases[]): SuitePhases[] {
  let cursor = 0;
  return phases.map((p) => {
    const startMs = p.startMs ?? cursor;
    cursor = startMs + p.durationMs;
    return { ...p, startMs };
  });
}

function ticks(span: number): number[] {
  const rough = span / 8;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  const result: number[] = [];
  for (let t = 0; t <= span + 1e-9; t += step) result.push(t);
  return result;
}
