/** The report page's inline stylesheet and script (the page loads nothing from anywhere). */

export const PAGE_CSS = `
:root { --pass:#15803d; --fail:#b91c1c; --error:#7c2d12; --skip:#a16207; --muted:#6b7280; --line:#e5e7eb; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #111827; background: #f9fafb; }
header, main > section { max-width: 1100px; margin: 0 auto; padding: 12px 20px; }
h1 { font-size: 20px; margin: 8px 0; } h2 { font-size: 16px; margin: 18px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.counts span { display: inline-block; margin-right: 10px; font-weight: 600; }
.c-passed { color: var(--pass); } .c-failed { color: var(--fail); } .c-error { color: var(--error); } .c-skipped { color: var(--skip); } .c-flaky { color: var(--error); } .c-quarantined { color: var(--skip); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.props td:first-child { color: var(--muted); white-space: nowrap; width: 1%; }
.filters { position: sticky; top: 0; background: #f9fafb; padding: 8px 0; display: flex; gap: 14px; flex-wrap: wrap; align-items: center; z-index: 1; }
.case { background: #fff; border: 1px solid var(--line); border-left: 4px solid var(--muted); margin: 3px 0; border-radius: 3px; }
.case.s-passed { border-left-color: var(--pass); } .case.s-failed { border-left-color: var(--fail); } .case.s-error { border-left-color: var(--error); } .case.s-skipped { border-left-color: var(--skip); }
.case > summary { cursor: pointer; padding: 4px 8px; display: flex; gap: 10px; align-items: baseline; }
.case .badge { font-size: 11px; text-transform: uppercase; font-weight: 700; width: 58px; flex: none; }
.case .name { flex: 1; } .case .suite-name { color: var(--muted); } .case .time { color: var(--muted); font-variant-numeric: tabular-nums; }
.case .why { display: block; color: var(--muted); font-size: 13px; }
.case .body { padding: 4px 12px 10px; }
pre { background: #111827; color: #e5e7eb; padding: 8px; overflow-x: auto; font-size: 12px; max-height: 480px; white-space: pre-wrap; word-break: break-word; }
.bench-chart { background: #fff; border: 1px solid var(--line); max-width: 100%; height: auto; }
.bench-chart .probe { font-size: 12px; font-weight: 600; } .bench-chart .tick, .bench-chart .value, .bench-chart .na { font-size: 11px; fill: var(--muted); }
.bench-chart .grid { stroke: var(--line); }
.run-timeline, .suite-time-bars { background: #fff; border: 1px solid var(--line); max-width: 100%; height: auto; display: block; }
.run-timeline .lane-label, .run-timeline .tick, .suite-time-bars .value { font-size: 11px; fill: var(--muted); }
.run-timeline .bar-label { font-size: 11px; fill: #fff; font-weight: 600; pointer-events: none; }
.run-timeline .grid { stroke: var(--line); } .run-timeline .lane { stroke: var(--line); stroke-dasharray: 2 3; }
.suite-time-bars .suite-label { font-size: 12px; }
.failure-swatch { background: #fff; border: 2px solid #dc2626; }
h3 { font-size: 14px; margin: 14px 0 6px; }
.legend { margin: 6px 0; } .legend-item { margin-right: 14px; } .legend-note { color: var(--muted); font-size: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.hidden { display: none; }
.empty { color: var(--muted); }
`;

export const PAGE_SCRIPT = `
(function () {
  var cases = Array.prototype.slice.call(document.querySelectorAll(".case"));
  var statusBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-status]"));
  var suiteSelect = document.getElementById("filter-suite");
  var search = document.getElementById("filter-text");
  var shown = document.getElementById("shown-count");
  // The filters live in the URL hash (#status=failed,error&suite=...), so a filtered view can be linked.
  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    var wanted = params.get("status");
    if (wanted !== null) {
      var list = wanted.split(",");
      statusBoxes.forEach(function (box) { box.checked = list.indexOf(box.getAttribute("data-filter-status")) >= 0; });
    }
    if (suiteSelect && params.get("suite") !== null) suiteSelect.value = params.get("suite");
    if (search && params.get("q") !== null) search.value = params.get("q");
  }
  function writeHash() {
    var params = new URLSearchParams();
    var checked = statusBoxes.filter(function (box) { return box.checked; });
    if (checked.length !== statusBoxes.length) params.set("status", checked.map(function (box) { return box.getAttribute("data-filter-status"); }).join(","));
    if (suiteSelect && suiteSelect.value) params.set("suite", suiteSelect.value);
    if (search && search.value) params.set("q", search.value);
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }
  function apply() {
    var statuses = {};
    statusBoxes.forEach(function (box) { statuses[box.getAttribute("data-filter-status")] = box.checked; });
    var suite = suiteSelect ? suiteSelect.value : "";
    var text = search ? search.value.toLowerCase() : "";
    var visible = 0;
    cases.forEach(function (el) {
      var ok = statuses[el.getAttribute("data-status")] !== false
        && (!suite || el.getAttribute("data-suite") === suite)
        && (!text || el.getAttribute("data-name").toLowerCase().indexOf(text) >= 0);
      el.classList.toggle("hidden", !ok);
      if (ok) visible++;
    });
    if (shown) shown.textContent = String(visible);
  }
  function changed() { apply(); writeHash(); }
  statusBoxes.forEach(function (box) { box.addEventListener("change", changed); });
  if (suiteSelect) suiteSelect.addEventListener("change", changed);
  if (search) search.addEventListener("input", changed);
  window.addEventListener("hashchange", function () { readHash(); apply(); });
  readHash();
  apply();
  document.body.setAttribute("data-report-ready", "true");
})();
`;
