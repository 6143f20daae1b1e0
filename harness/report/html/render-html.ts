import { timingRows } from "../markdown-summary.ts";
import { type CaseReport, type CaseStatus, countSuites, isFlaky, type SuiteReport } from "../report-model.ts";
import { formatMs } from "../../model/format-ms.ts";
import { detectableSlowdown } from "../../model/power.ts";
import { type BenchSeries, benchChartSvg, benchLegendHtml } from "./bench-chart.ts";
import { bootPhaseChartSvg } from "./boot-phase-chart.ts";
import { escapeHtml } from "./escape-html.ts";
import { PAGE_CSS, PAGE_SCRIPT } from "./page-assets.ts";
import { runTimelineSvg } from "./run-timeline.ts";
import { phaseLegendHtml, suiteTimeBarsSvg } from "./suite-time-bars.ts";

export interface HtmlReportInput {
  suites: readonly SuiteReport[];
  bench?: readonly BenchSeries[];
  title?: string;
  generatedAt?: Date;
}

const STATUSES: CaseStatus[] = ["failed", "error", "skipped", "passed"];

/** One self-contained HTML page: results with filters, transcripts, skip reasons, timings and bench charts. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const title = input.title ?? "nixos-wsl-harness report";
  const counts = countSuites(input.suites);
  const body = [
    `<header><h1>${escapeHtml(title)}</h1>`,
    `<div class="counts"><span>${counts.tests} tests</span>${STATUSES.map((s) => `<span class="c-${s}">${countOf(counts, s)} ${s}</span>`).join("")}${counts.flaky > 0 ? `<span class="c-flaky">${counts.flaky} flaky</span>` : ""}</div>`,
    `<div class="generated">Generated ${escapeHtml((input.generatedAt ?? new Date()).toISOString())}</div></header><main>`,
    timelineSection(input.suites),
    runSection(input.suites),
    benchSection(input.bench ?? []),
    timingsSection(input.suites),
    resultsSection(input.suites, counts.tests),
    "</main>",
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head>
<body>${body.join("\n")}<script>${PAGE_SCRIPT}</script></body></html>
`;
}

function countOf(counts: ReturnType<typeof countSuites>, status: CaseStatus): number {
  return status === "passed" ? counts.passed : status === "failed" ? counts.failed : status === "error" ? counts.errors : counts.skipped;
}

/** Where the run's time went: the timeline (one lane per worker) and per suite a stacked bar. */
function timelineSection(suites: readonly SuiteReport[]): string {
  const withTime = suites.filter((s) => s.durationMs > 0);
  if (withTime.length === 0) return "";
  return `<section id="timeline"><h2>Timeline</h2>${phaseLegendHtml()}${runTimelineSvg(withTime)}<h3>Where each suite's time went</h3>${suiteTimeBarsSvg(withTime)}</section>`;
}

/** Properties every suite shares (the run's), then the per-suite ones (distro, versions). */
function runSection(suites: readonly SuiteReport[]): string {
  if (suites.length === 0) return "";
  const first = suites[0]!.properties;
  const shared = Object.entries(first).filter(([key, value]) => !key.startsWith("timing.") && suites.every((s) => s.properties[key] === value));
  if (shared.length === 0) return "";
  const rows = shared.map(([key, value]) => `<tr><td>${escapeHtml(key)}</td><td>${escapeHtml(value)}</td></tr>`).join("");
  return `<section id="run"><h2>Run</h2><table class="props">${rows}</table></section>`;
}

function benchSection(series: readonly BenchSeries[]): string {
  if (series.length === 0) return "";
  const rows = series.flatMap((s) =>
    s.probes.map(
      (p) =>
        `<tr><td>${escapeHtml(s.label)}</td><td>${escapeHtml(p.name)}</td><td class="num">${p.n}</td><td class="num">${formatMs(p.medianMs)}</td><td class="num">${formatMs(p.minMs)}</td><td class="num">${formatMs(p.p95Ms)}</td><td class="num">${formatMs(p.maxMs)}</td><td class="num">${p.ci95MedianMs ? `${formatMs(p.ci95MedianMs[0])}–${formatMs(p.ci95MedianMs[1])}` : "–"}</td><td class="num">${p.outliers.length}</td><td class="num">${slowdownCell(p.samplesMs)}</td><td>${escapeHtml(p.applicable ? (p.error ?? p.description) : `not applicable: ${p.notApplicableReason ?? ""}`)}</td></tr>`,
    ),
  );
  return `<section id="bench"><h2>Bench</h2>${benchLegendHtml(series)}${benchChartSvg(series)}${bootPhaseChartSvg(series)}
<table><thead><tr><th>run</th><th>probe</th><th class="num">n</th><th class="num">median</th><th class="num">min</th><th class="num">p95</th><th class="num">max</th><th class="num">CI95 median</th><th class="num">outliers</th><th class="num" title="smallest slow-down nwh compare finds with 80% power at alpha 0.05 against a run of this n and spread">detectable slow-down</th><th>about</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

function slowdownCell(samples: readonly number[]): string {
  const fraction = detectableSlowdown(samples);
  if (fraction === null) return "–";
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : "∞ (n too small)";
}

function timingsSection(suites: readonly SuiteReport[]): string {
  const rows = timingRows(suites);
  if (rows.length === 0) return "";
  const body = rows.map((r) => `<tr><td>${escapeHtml(r.suite)}</td><td>${escapeHtml(r.name)}</td><td class="num">${formatMs(r.ms)}</td></tr>`).join("");
  return `<section id="timings"><h2>Timings</h2><table><thead><tr><th>suite</th><th>timing</th><th class="num">duration</th></tr></thead><tbody>${body}</tbody></table></section>`;
}

function resultsSection(suites: readonly SuiteReport[], total: number): string {
  const statusFilters = STATUSES.map((s) => `<label class="c-${s}"><input type="checkbox" data-filter-status="${s}" checked> ${s}</label>`).join("");
  const suiteOptions = suites.map((s) => `<option value="${escapeHtml(s.name)}">${escapeHtml(s.name)}</option>`).join("");
  const cases = suites.flatMap((suite) => suite.cases.map((c) => caseHtml(suite, c)));
  return `<section id="results"><h2>Results</h2>
<div class="filters">${statusFilters}<label>suite <select id="filter-suite"><option value="">all suites</option>${suiteOptions}</select></label><label>name <input id="filter-text" type="search" placeholder="filter by name"></label><span><span id="shown-count">${total}</span> of ${total} shown</span></div>
${cases.length === 0 ? '<p class="empty">No tests ran.</p>' : cases.join("\n")}</section>`;
}

function caseHtml(suite: SuiteReport, c: CaseReport): string {
  const why = c.status === "skipped" ? c.skipReason : c.failure ? (c.failure.message.startsWith(c.failure.type) ? c.failure.message : `${c.failure.type}: ${c.failure.message}`) : undefined;
  const parts: string[] = [];
  if (c.failure?.detail) parts.push(`<div><strong>${escapeHtml(c.failure.type)}</strong></div><pre class="failure">${escapeHtml(c.failure.detail)}</pre>`);
  if (c.status === "skipped") parts.push(`<div>Skipped: ${escapeHtml(c.skipReason ?? "no reason given")}</div>`);
  if (c.quarantine) parts.push(`<div>Quarantined until ${escapeHtml(c.quarantine.expires)}: ${escapeHtml(c.quarantine.reason)} (does not fail the run)</div>`);
  if (c.output) parts.push(`<div>Transcript</div><pre class="transcript">${escapeHtml(c.output)}</pre>`);
  for (const [i, attempt] of (c.reruns ?? []).entries()) {
    const label = isFlaky(c) ? `Failed attempt ${i + 1} (before the pass)` : `Rerun ${i + 1}`;
    parts.push(`<div><strong>${escapeHtml(label)}: ${escapeHtml(attempt.failure.type)}</strong></div><pre class="failure">${escapeHtml(attempt.failure.detail)}</pre>`);
    if (attempt.output) parts.push(`<pre class="transcript">${escapeHtml(attempt.output)}</pre>`);
  }
  if (c.attachments?.length) parts.push(`<div>Attachments: ${c.attachments.map((a) => `<a href="${escapeHtml(a)}">${escapeHtml(a)}</a>`).join(", ")}</div>`);
  if (parts.length === 0) parts.push('<div class="empty">No transcript recorded.</div>');
  return `<details class="case s-${c.status}" data-status="${c.status}" data-suite="${escapeHtml(suite.name)}" data-name="${escapeHtml(c.name)}"><summary><span class="badge c-${c.status}">${c.status}</span>${isFlaky(c) ? '<span class="badge c-flaky">flaky</span>' : ""}${c.quarantine ? '<span class="badge c-quarantined">quarantined</span>' : ""}<span class="name">${escapeHtml(c.name)}<span class="suite-name"> — ${escapeHtml(suite.name)}</span>${why ? `<span class="why">${escapeHtml(why)}</span>` : ""}</span><span class="time">${formatMs(c.durationMs)}</span></summary><div class="body">${parts.join("")}</div></details>`;
}
