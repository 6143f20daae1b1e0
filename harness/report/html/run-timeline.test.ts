import { describe, expect, test } from "vitest";
import { renderHtmlReport } from "./render-html.ts";
import { runTimelineSvg } from "./run-timeline.ts";
import { sampleConcurrentRun } from "./sample-suites.ts";
import { assignLanes, suitePhases } from "./suite-phases.ts";
import { suiteTimeBarsSvg } from "./suite-time-bars.ts";

const run = sampleConcurrentRun();

describe("suitePhases", () => {
  test("splits a suite into import, first boot and tests without counting the fixture's time twice", () => {
    const p = suitePhases(run[0]!);
    expect(p).toMatchObject({ importMs: 9_100, firstBootMs: 3_200, testsMs: 4_500, otherMs: 400, durationMs: 17_200 });
    expect(p.byStatusMs).toEqual({ passed: 1_200 + 900, failed: 2_400, error: 0, skipped: 0 });
    expect(p.failures).toEqual([{ name: "systemd > no failed units", at: (1_200 + 2_400) / 4_500 }]);
    // A skipped first test holds the import and boot; it gets none of the tests' time.
    expect(suitePhases(run[4]!).byStatusMs).toEqual({ passed: 1_500, failed: 0, error: 0, skipped: 0 });
  });

  test("puts the five files of a two-worker run on two lanes, never two overlapping files on one", () => {
    const phases = run.map(suitePhases);
    const lanes = assignLanes(phases);
    expect(new Set(lanes).size).toBe(2);
    for (let i = 0; i < phases.length; i++) {
      for (let j = i + 1; j < phases.length; j++) {
        if (lanes[i] !== lanes[j]) continue;
        const [a, b] = [phases[i]!, phases[j]!];
        expect(a.startMs! + a.durationMs <= b.startMs! + 50 || b.startMs! + b.durationMs <= a.startMs! + 50).toBe(true);
      }
    }
  });
});

describe("runTimelineSvg", () => {
  const svg = runTimelineSvg(run);

  test("draws one bar per suite file split into import, first boot and tests, on one lane per worker", () => {
    expect(svg.match(/<g class="suite-bar/g)).toHaveLength(5);
    for (const kind of ["import", "boot", "tests"]) expect(svg.match(new RegExp(`<rect class="seg seg-${kind}"`, "g"))).toHaveLength(5);
    expect(svg.match(/class="lane-label"/g)).toHaveLength(2);
  });

  test("marks each failed test and outlines the files that have failures", () => {
    expect(svg.match(/<line class="failure-mark"/g)).toHaveLength(2);
    expect(svg.match(/<g class="suite-bar has-failures"/g)).toHaveLength(2);
    expect(svg).toContain("<title>failed: rebuild &gt; rollback</title>");
  });

  test("bars sit where the files ran: the interop file (started at 41 s) right of the systemd one", () => {
    const importX = (suite: string) => Number(new RegExp(`data-suite="suites/${suite}.suite.ts"><title>[^<]*</title><rect class="seg seg-import" x="([\\d.]+)"`).exec(svg)?.[1]);
    expect(importX("interop")).toBeGreaterThan(importX("systemd"));
    expect(importX("networking")).toBeGreaterThan(importX("systemd"));
  });

  test("a report without start times lays the files one after the other", () => {
    const noTimes = run.map((s) => ({ ...s, timestamp: undefined, properties: {} }));
    expect(runTimelineSvg(noTimes).match(/class="lane-label"/g)).toHaveLength(1);
  });
});

describe("suiteTimeBarsSvg and the page", () => {
  test("one stacked bar per suite, with failed time in its own part", () => {
    const svg = suiteTimeBarsSvg(run);
    expect(svg.match(/<g class="suite-time"/g)).toHaveLength(5);
    expect(svg.match(/<rect class="part part-import"/g)).toHaveLength(5);
    expect(svg.match(/<rect class="part part-failed"/g)).toHaveLength(2);
  });

  test("report.html carries the timeline section with both charts", () => {
    const html = renderHtmlReport({ suites: run });
    expect(html).toContain('<section id="timeline">');
    expect(html).toContain('<svg class="run-timeline"');
    expect(html).toContain('<svg class="suite-time-bars"');
  });
});
