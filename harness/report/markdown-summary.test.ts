import { describe, expect, test } from "vitest";
import { githubAnnotation } from "./github-annotations.ts";
import { sampleSuites } from "./html/sample-suites.ts";
import { markdownSummary, timingRows } from "./markdown-summary.ts";

describe("markdownSummary", () => {
  const md = markdownSummary(sampleSuites());

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
