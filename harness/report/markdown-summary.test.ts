import { describe, expect, test } from "vitest";
import { githubAnnotation } from "./github-annotations.ts";
import { sampleSuites } from "./html/sample-suites.ts";
import { markdownSummary, timingRows } from "./markdown-summary.ts";

describe("markdownSummary", () => {
  const md = markdownSummary(sampleSuites());

  test("lists flaky and quarantined tests in their own sections, notes under the title; a quarantined failure keeps the run green", () => {
    const [suite] = sampleSuites();
    const failure = { message: "boom", type: "assertion", detail: "boom" };
    const cases = [
      { classname: "suites/s.suite.ts", name: "flaky one", status: "passed" as const, durationMs: 1, reruns: [{ status: "failed" as const, failure, durationMs: 1 }] },
      { classname: "suites/s.suite.ts", name: "known bad", status: "failed" as const, durationMs: 1, failure, quarantine: { reason: "https://example.org/9", expires: "2999-01-01" } },
    ];
    const text = markdownSummary([{ ...suite!, cases }], undefined, ["⚠️ quarantine entry \"s > gone\" matched no test in this run"]);
    expect(text).toMatch(/^## ✅ nixos-wsl-harness: 1 passed \(1 flaky\), 1 failed/);
    expect(text).toContain("- ⚠️ quarantine entry");
    expect(text).toContain("| suites/s.suite.ts › flaky one | 2 | boom |");
    expect(text).toContain("| suites/s.suite.ts › known bad | failed: boom | https://example.org/9 | 2999-01-01 |");
    expect(text).not.toContain("### Failed");
    expect(githubAnnotation(cases[0]!)).toMatch(/^::warning file=suites\/s.suite.ts,title=flaky one \(flaky%3A passed on attempt 2\)::failed before it passed: boom$/);
    expect(githubAnnotation(cases[1]!)).toMatch(/^::warning .*quarantined until 2999-01-01/);
  });

  test("gives the counts, the stand-in marker, failures with their first line, skips with reasons and timings", () => {
    expect(md).toContain("## ❌ nixos-wsl-harness: 2 passed, 1 failed, 1 skipped; 1 errors");
    expect(md).toContain("> Stand-in distro: true: Linux stand-in distro, not NixOS");
    expect(md).toContain("| suites/networking.suite.ts › networking > localhost forwarding <works> & \"quotes\" | TimeoutError | Test timed out in 30000ms. |");
    expect(md).toContain("| suites/networking.suite.ts › networking > mirrored mode | needs capability windows-host (running on the docker backend) |");
    expect(md).toContain("| suites/networking.suite.ts | import | 8123 |");
  });

  test("a clean run has no failure or skip sections", () => {
    const [suite] = sampleSuites();
    const clean = markdownSummary([{ ...suite!, cases: suite!.cases.filter((c) => c.status === "passed") }]);
    expect(clean).toContain("## ✅");
    expect(clean).not.toContain("### Failed");
    expect(clean).not.toContain("### Skipped");
  });

  test("timing rows come from timing.*.ms properties, then the per-test ones of timing.tests named with their test", () => {
    const perTest = JSON.stringify({ "abc_0_1": { name: "t > x", ms: { boot: 5 } } });
    const rows = timingRows([{ name: "s", file: "s", durationMs: 0, cases: [], properties: { "timing.tests": perTest, "timing.import.ms": "7", other: "1" } }]);
    expect(rows).toEqual([
      { suite: "s", name: "import", ms: 7 },
      { suite: "s", name: "boot (t > x)", ms: 5 },
    ]);
  });
});

describe("githubAnnotation", () => {
  test("failed cases become ::error with file, line and escaped text; passed ones none", () => {
    const [suite] = sampleSuites();
    const failed = suite!.cases.find((c) => c.status === "failed")!;
    expect(githubAnnotation({ ...failed, failure: { ...failed.failure!, message: "50% done\nsecond line" } })).toBe(
      '::error file=suites/networking.suite.ts,line=42,title=networking > localhost forwarding <works> & "quotes" (TimeoutError)::50%25 done%0Asecond line',
    );
    expect(githubAnnotation(suite!.cases[0]!)).toBeUndefined();
  });
});
