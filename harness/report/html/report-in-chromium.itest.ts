import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { writeFileAtomicSync } from "../atomic-write.ts";
import { benchResultFromSamples, bootBenchResult, normalSamples } from "../../timing/sample-bench-result.ts";
import { findChromium, loadPage, screenshot } from "./headless-chromium.ts";
import { renderHtmlReport } from "./render-html.ts";
import { sampleConcurrentRun, sampleSuites } from "./sample-suites.ts";

const chromium = findChromium();
// CI installs Chromium (.ci/run), so there a missing browser fails the test instead of skipping it.
const skipReason = !chromium && process.env.CI !== "true" ? "Chromium not installed (apt-get install chromium); CI runs this test" : undefined;
const work = mkdtempSync(path.join(os.tmpdir(), "nwh-html-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(skipReason !== undefined)(`report.html in headless Chromium${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  const file = path.join(work, "report.html");
  const runs = [
    { label: "WSL 2.6.1", probes: benchResultFromSamples({ import: normalSamples(20, 9000, 600, 1), "first-start": normalSamples(20, 2100, 150, 2), "cold-vm-start": normalSamples(20, 5200, 400, 3) }).probes },
    { label: "WSL 2.7.11", probes: benchResultFromSamples({ import: normalSamples(20, 8200, 500, 4), "first-start": normalSamples(20, 1900, 120, 5), "cold-vm-start": normalSamples(20, 4800, 300, 6) }).probes },
  ];
  const bootRuns = [
    // A: a VM (its kernel's own boot reported), B: a container (no kernel of its own, and the reason)
    { label: "boot A", probes: bootBenchResult({ start: normalSamples(10, 300, 20, 7), kernel: normalSamples(10, 450, 10, 13), activation: normalSamples(10, 80, 5, 8), "systemd-userspace": normalSamples(10, 400, 30, 9) }).probes },
    {
      label: "boot B",
      probes: bootBenchResult(
        { start: normalSamples(10, 300, 20, 10), activation: normalSamples(10, 80, 5, 11), "systemd-userspace": normalSamples(10, 520, 30, 12) },
        { phasesAbsent: { kernel: "no kernel boot: the distro shares the host's running kernel (a container)" } },
      ).probes,
    },
  ];
  const benchFile = path.join(work, "bench.html");
  writeFileAtomicSync(benchFile, renderHtmlReport({ suites: [], bench: bootRuns, title: "bench in chromium" }));
  writeFileAtomicSync(file, renderHtmlReport({ suites: sampleSuites(), bench: runs, title: "report in chromium" }));

  test("renders with no console messages, runs its script and draws the bench chart", async () => {
    const page = await loadPage(chromium!, pathToFileURL(file).href);
    expect(page.consoleMessages).toEqual([]);
    expect(page.dom).toContain('data-report-ready="true"');
    expect(page.dom).toContain('<svg class="bench-chart"');
    // 3 probes x 2 runs: a median point, a bar and a min-p95 whisker each.
    expect(page.dom.match(/<circle class="median"/g)).toHaveLength(6);
    expect(page.dom.match(/<rect class="bar"/g)).toHaveLength(6);
    expect(page.dom.match(/<line class="whisker"/g)).toHaveLength(6);
    expect(page.dom).toContain('<span id="shown-count">5</span>');
  });

  test("bench.html draws a stacked bar of the boot phases per probe and bench file, and the detectable slow-down", async () => {
    const page = await loadPage(chromium!, pathToFileURL(benchFile).href);
    expect(page.consoleMessages).toEqual([]);
    expect(page.dom).toContain('<svg class="boot-phase-chart"');
    // A: start, kernel, activation, systemd-userspace; B: the same without kernel, which it says why
    expect(page.dom.match(/<rect class="phase phase-/g)).toHaveLength(7);
    expect(page.dom.match(/<rect class="phase phase-systemd-userspace"/g)).toHaveLength(2);
    expect(page.dom.match(/<rect class="phase phase-kernel"/g)).toHaveLength(1);
    expect(page.dom).toContain("boot B · time-to-running · kernel: no kernel boot: the distro shares the host's running kernel (a container) (10 of 10 samples)");
    expect(page.dom).toContain("detectable slow-down");
    expect(page.dom).toMatch(/<td class="num">\d+\.\d%<\/td>/);
  });

  test("status filters from the URL hide the other cases", async () => {
    const page = await loadPage(chromium!, `${pathToFileURL(file).href}#status=failed`);
    expect(page.consoleMessages).toEqual([]);
    expect(page.dom).toContain('<span id="shown-count">1</span>');
    expect(page.dom.match(/class="case s-passed hidden"/g)).toHaveLength(2);
    expect(page.dom).toMatch(/class="case s-failed"/);
  });

  test("takes a screenshot kept as an artifact in reports/screenshots/", async () => {
    const png = path.join(work, "report.png");
    await screenshot(chromium!, pathToFileURL(file).href, png);
    expect(statSync(png).size).toBeGreaterThan(10_000);
    const artifacts = path.join(process.cwd(), "reports", "screenshots");
    mkdirSync(artifacts, { recursive: true });
    copyFileSync(png, path.join(artifacts, "report.png"));
  });

  test("draws the run timeline and the per-suite bars; a screenshot shows them (kept in reports/screenshots/)", async () => {
    const runFile = path.join(work, "run.html");
    writeFileAtomicSync(runFile, renderHtmlReport({ suites: sampleConcurrentRun(), title: "a run on two workers" }));
    const page = await loadPage(chromium!, pathToFileURL(runFile).href);
    expect(page.consoleMessages).toEqual([]);
    // Five suite files on two lanes, each split into import, first boot and tests; two failed tests marked.
    expect(page.dom.match(/<g class="suite-bar/g)).toHaveLength(5);
    for (const kind of ["import", "boot", "tests"]) expect(page.dom.match(new RegExp(`<rect class="seg seg-${kind}"`, "g"))).toHaveLength(5);
    expect(page.dom.match(/<line class="failure-mark"/g)).toHaveLength(2);
    expect(page.dom.match(/<g class="suite-time"/g)).toHaveLength(5);

    const png = path.join(work, "timeline.png");
    await screenshot(chromium!, pathToFileURL(runFile).href, png, { width: 1100, height: 900 });
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    // The IHDR chunk: width and height as the window was sized; a blank page compresses to far less than 15 KB.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1100, 900]);
    expect(bytes.length).toBeGreaterThan(15_000);
    const artifacts = path.join(process.cwd(), "reports", "screenshots");
    mkdirSync(artifacts, { recursive: true });
    copyFileSync(png, path.join(artifacts, "timeline.png"));
  });
});
