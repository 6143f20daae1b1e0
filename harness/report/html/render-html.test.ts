import { describe, expect, test } from "vitest";
import { benchResultFromSamples, sampleBenchResult } from "../../timing/sample-bench-result.ts";
import { benchChartSvg } from "./bench-chart.ts";
import { renderHtmlReport } from "./render-html.ts";
import { sampleSuites } from "./sample-suites.ts";

describe("renderHtmlReport", () => {
  const html = renderHtmlReport({ suites: sampleSuites(), bench: [{ label: "run <1>", probes: sampleBenchResult().probes }] });

  test("marks a flaky case and shows each failed attempt with its transcript; marks a quarantined one", () => {
    const [suite] = sampleSuites();
    const failure = { message: "boom", type: "assertion", detail: "AssertionError: boom" };
    const page = renderHtmlReport({
      suites: [
        {
          ...suite!,
          cases: [
            { classname: "s", name: "flaky one", status: "passed", durationMs: 1, reruns: [{ status: "failed", failure, durationMs: 1, output: "$ echo attempt-1" }] },
            { classname: "s", name: "known bad", status: "failed", durationMs: 1, failure, quarantine: { reason: "https://example.org/9", expires: "2999-01-01" } },
          ],
        },
      ],
    });
    expect(page).toContain('<span class="c-flaky">1 flaky</span>');
    expect(page).toMatch(/<span class="badge c-passed">passed<\/span><span class="badge c-flaky">flaky<\/span><span class="name">flaky one/);
    expect(page).toContain("Failed attempt 1 (before the pass): assertion");
    expect(page).toContain("$ echo attempt-1");
    expect(page).toContain("Quarantined until 2999-01-01: https://example.org/9 (does not fail the run)");
  });

  test("is self-contained: no external scripts, styles, images or fonts", () => {
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|<img[^>]+src="(?!data:)|@import|url\(\s*['"]?http/i);
    expect(html).toContain("Content-Security-Policy");
    expect(html).not.toMatch(/(src|href|action)\s*=\s*["']?(https?:)?\/\//i);
  });

  test("escapes names, outputs and labels", () => {
    expect(html).toContain("localhost forwarding &lt;works&gt; &amp; &quot;quotes&quot;");
    expect(html).not.toContain("<works>");
    expect(html).toContain("run &lt;1&gt;");
  });

  test("shows every case with its status for the filters, skip reasons and transcripts", () => {
    expect(html.match(/<details class="case /g)).toHaveLength(5);
    for (const status of ["passed", "failed", "error", "skipped"]) expect(html).toContain(`data-filter-status="${status}"`);
    expect(html).toContain('<option value="suites/networking.suite.ts">');
    expect(html).toContain("Skipped: needs capability windows-host (running on the docker backend)");
    expect(html).toContain('<pre class="transcript">$ cat /etc/resolv.conf');
    expect(html).toContain('<a href="attachments/suites-networking.suite.ts/journal/journal.txt">');
  });

  test("lists a not-applicable probe with its reason instead of drawing it", () => {
    expect(html).toContain("run &lt;1&gt;: no VM on docker");
  });

  test("a run without tests or bench still renders", () => {
    expect(renderHtmlReport({ suites: [] })).toContain("No tests ran.");
  });
});

describe("benchChartSvg", () => {
  test("draws one median point, bar, whisker and CI band per probe and run, on a shared scale", () => {
    const a = benchResultFromSamples({ import: [100, 110, 120, 130], boot: [10, 12, 14] }).probes;
    const b = benchResultFromSamples({ import: [200, 210, 220, 230], boot: [20, 22, 24] }).probes;
    const svg = benchChartSvg([{ label: "a", probes: a }, { label: "b", probes: b }]);
    expect(svg.match(/<circle class="median"/g)).toHaveLength(4);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(4);
    expect(svg.match(/<line class="whisker"/g)).toHaveLength(4);
    expect(svg.match(/<rect class="ci"/g)).toHaveLength(4);
    const medians = [...svg.matchAll(/<circle class="median" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    // import of run b (median 215) lies right of run a's (median 115).
    expect(medians[1]!).toBeGreaterThan(medians[0]!);
  });
});
