import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { main } from "../cli.ts";
import { benchResultFromSamples } from "../timing/sample-bench-result.ts";
import { sampleSuites } from "./html/sample-suites.ts";
import { parseJunit } from "./junit-parse.ts";
import { serializeReport } from "./junit-xml.ts";
import { writeHtmlReport } from "./write-html-report.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "nwh-write-html-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("writeHtmlReport", () => {
  const junitFile = path.join(work, "junit.xml");
  writeFileSync(junitFile, serializeReport(sampleSuites()));
  const benchA = path.join(work, "a", "bench.json");
  const benchB = path.join(work, "b", "bench.json");
  for (const [file, base] of [[benchA, 1000], [benchB, 800]] as const) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(benchResultFromSamples({ import: [base, base + 10, base + 20] })));
  }

  test("draws the results of a junit.xml and one chart series per bench file", () => {
    const out = writeHtmlReport({ junitFile, benchFiles: [benchA, benchB], out: path.join(work, "out") });
    expect(out).toBe(path.join(work, "out", "report.html"));
    const html = readFileSync(out, "utf8");
    expect(html.match(/<details class="case /g)).toHaveLength(5);
    expect(html.match(/<circle class="median"/g)).toHaveLength(2);
    // Same environment in both files: the labels add the paths to tell them apart.
    expect(html).toContain(path.relative(process.cwd(), benchA));
  });

  test("a bench-only report and an explicit .html path", () => {
    const out = writeHtmlReport({ benchFiles: [benchA], out: path.join(work, "bench-only.html") });
    expect(readFileSync(out, "utf8")).toContain("No tests ran.");
  });

  test("a bench file of another schema is named in the error", () => {
    const bad = path.join(work, "bad.json");
    writeFileSync(bad, JSON.stringify({ schemaVersion: 99 }));
    expect(() => writeHtmlReport({ benchFiles: [bad], out: work })).toThrow(`${bad}: unsupported bench.json schemaVersion 99`);
  });
});

describe("nwh report merge", () => {
  test("merges directories given on the command line into --out", async () => {
    const shards = ["s1", "s2"].map((name, i) => {
      const dir = path.join(work, "cli", name);
      mkdirSync(dir, { recursive: true });
      const [suite] = sampleSuites();
      writeFileSync(path.join(dir, "junit.xml"), serializeReport([{ ...suite!, name: `${suite!.name}#${i}` }]));
      return dir;
    });
    const out = path.join(work, "cli", "merged");
    expect(await main(["report", "merge", ...shards, "--out", out])).toBe(0);
    const suites = parseJunit(readFileSync(path.join(out, "junit.xml"), "utf8"));
    expect(suites.map((s) => s.name)).toEqual(["suites/networking.suite.ts#0", "suites/networking.suite.ts#1"]);
    expect(readFileSync(path.join(out, "summary.md"), "utf8")).toContain("4 passed, 2 failed, 2 skipped; 2 errors");
  });

  test("without directories it is a usage error (exit 2)", async () => {
    expect(await main(["report", "merge"])).toBe(2);
  });
});
