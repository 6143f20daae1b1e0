import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { exec } from "../exec/index.ts";
import { parseJunit } from "./junit-parse.ts";
import { countSuites } from "./report-model.ts";
import { runSamples } from "./testdata/run-samples.ts";

const SCHEMA = path.join(import.meta.dirname, "schema", "junit.xsd");

describe("ReportsReporter on a real vitest run", () => {
  const reportsDir = mkdtempSync(path.join(os.tmpdir(), "nwh-reports-"));
  const stepSummary = path.join(reportsDir, "step-summary.md");

  test("junit.xml counts equal vitest's own and the file validates against the JUnit schema", async () => {
    writeFileSync(stepSummary, "# earlier step\n");
    process.env.GITHUB_STEP_SUMMARY = stepSummary;
    const vitestCounts = await runSamples("basic", reportsDir, { githubSummary: true, runProperties: { backend: "docker", standin: "true: Linux stand-in distro, not NixOS" } });
    delete process.env.GITHUB_STEP_SUMMARY;

    const junit = path.join(reportsDir, "junit.xml");
    const validation = await exec(["xmllint", "--noout", "--schema", SCHEMA, junit], { timeoutMs: 30_000 });
    expect(validation.stderr).toContain("validates");
    expect(validation.exitCode).toBe(0);

    const counts = countSuites(parseJunit(readFileSync(junit, "utf8")));
    expect(vitestCounts).toEqual({ tests: 10, passed: 4, failed: 3, skipped: 3 });
    expect({ tests: counts.tests, passed: counts.passed, failed: counts.failed, skipped: counts.skipped }).toEqual(vitestCounts);
    expect(counts.errors).toBe(0);
  });

  test("cases carry failure types, skip reasons, transcripts, attachments and properties", () => {
    const suites = parseJunit(readFileSync(path.join(reportsDir, "junit.xml"), "utf8"));
    const outcomes = suites.find((s) => s.name === "outcomes.sample.ts")!;
    const byName = (name: string) => outcomes.cases.find((c) => c.name === `outcomes > ${name}`)!;

    expect(byName("fails an assertion").failure).toMatchObject({ type: "AssertionError", message: expect.stringContaining("nameserver 127.0.0.53") });
    expect(byName("fails an assertion").failure?.detail).toContain("cat /etc/resolv.conf");
    expect(byName("fails an assertion").output).toContain("# resolv.conf was regenerated at boot");
    expect(byName("fails with a wsl error code").failure?.type).toBe("Wsl/Service/CreateInstance/HCS_E_CONNECTION_TIMEOUT");
    expect(byName("times out").failure).toMatchObject({ type: "TimeoutError", message: "Test timed out in 50ms." });
    expect(byName("skips with a reason").skipReason).toBe("needs capability windows-host (running on the docker backend)");
    expect(suites.find((s) => s.name === "more.sample.ts")!.cases.find((c) => c.name === "more > is still to write")?.skipReason).toBe("todo");

    const passing = byName("passes with a transcript");
    expect(passing.output).toContain("$ systemctl is-system-running  (exit 0, 12 ms)");
    expect(passing.attachments).toEqual(["attachments/outcomes.sample.ts/outcomes-passes-with-a-transcript/journal.txt"]);
    expect(readFileSync(path.join(reportsDir, passing.attachments![0]!), "utf8")).toContain("Started sample.service");

    expect(outcomes.properties).toMatchObject({
      backend: "docker",
      standin: "true: Linux stand-in distro, not NixOS",
      distro: "nwh-sample-distro",
      "nixos.version": "25.05.20250101.stand-in",
      capabilities: "systemd,nixos",
      "wsl.version": "2.7.11.0",
      "timing.import.ms": "1234",
      "timing.first-start.ms": "567",
    });
    // Per-test timings in one property keyed by vitest's test id, never by the test's name.
    expect(Object.values(JSON.parse(outcomes.properties["timing.tests"]!))).toEqual([{ name: "outcomes > passes with a transcript", ms: { boot: 321 } }]);
    expect(Object.keys(outcomes.properties).filter((key) => key.includes(" "))).toEqual([]);
  });

  test("writes summary.md, report.html and appends to the GitHub step summary", () => {
    const summary = readFileSync(path.join(reportsDir, "summary.md"), "utf8");
    expect(summary).toContain("4 passed, 3 failed, 3 skipped");
    expect(summary).toContain("| outcomes.sample.ts › outcomes > times out | TimeoutError | Test timed out in 50ms. |");
    expect(summary).toContain("needs capability windows-host");
    expect(summary).toContain("| outcomes.sample.ts | import | 1234 |");
    expect(readFileSync(stepSummary, "utf8")).toBe(`# earlier step\n${summary}`);
    expect(existsSync(path.join(reportsDir, "report.html"))).toBe(true);
  });
});
