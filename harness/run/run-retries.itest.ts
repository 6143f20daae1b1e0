import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { findCase, runNwh } from "../../suites/lib/run-cli.ts";
import { LABEL_RUN } from "../container/systemd-container-flags.ts";
import { exec } from "../exec/run.ts";
import { FIXTURE_SUITES_DIR } from "./suite-files.ts";
import { warmImageCache } from "../backends/docker/itest-support.ts";

// Retries, flaky tests, quarantine and the watchdog, through `nwh run` on the Docker backend with small fixture suites.
const RETRIES = path.join(FIXTURE_SUITES_DIR, "retries.suite.ts");
const FLAKY = "fails on its first attempt, passes on the next";
const ALWAYS_FAILING = "fails on every attempt";

/** The containers a run left (by its run label: other runs may share the Docker engine). */
async function containersOf(runId: string | undefined): Promise<string[]> {
  expect(runId, "the report names its run id").toMatch(/^nwh-/);
  const result = await exec(["docker", "ps", "-aq", "--filter", `label=${LABEL_RUN}=${runId}`], { timeoutMs: 30_000, check: true });
  return result.stdout.split("\n").filter(Boolean);
}

function junitOf(reportsDir: string): string {
  return readFileSync(path.join(reportsDir, "junit.xml"), "utf8");
}

function count(xml: string, tag: string): number {
  return xml.match(new RegExp(`<${tag}[\\s>/]`, "g"))?.length ?? 0;
}

async function xmllint(file: string, ...args: string[]): Promise<void> {
  const lint = await exec(["xmllint", "--noout", ...args, file], { timeoutMs: 30_000 });
  expect(lint.exitCode, lint.stderr).toBe(0);
}

describe("nwh run --retries", () => {
  test("a test failing once then passing with --retries 1: exit 0, flaky, <flakyFailure> with the first attempt's transcript", async () => {
    const run = await runNwh(["--suite", RETRIES, "-t", FLAKY, "--retries", "1"], { timeoutMs: 600_000 });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(0);
    const flaky = findCase(run, FLAKY);
    expect(flaky.status).toBe("passed");
    expect(flaky.reruns).toHaveLength(1);
    expect(flaky.reruns?.[0]).toMatchObject({ status: "failed", failure: { type: "AssertionError", message: expect.stringContaining("the first attempt fails on purpose") } });
    expect(flaky.reruns?.[0]?.output).toContain("flaky attempt 1");
    expect(flaky.output).toContain("flaky attempt 2");
    // The failed attempt's failure bundle, attached and listed.
    const bundle = (flaky.attachments ?? []).filter((a) => a.includes("attempt-1-"));
    expect(bundle.map((a) => path.basename(a))).toEqual(expect.arrayContaining(["attempt-1-journal-current-boot.txt", "attempt-1-failed-units.txt", "attempt-1-systemd-analyze-blame.txt", "attempt-1-os-release"]));
    expect(readFileSync(path.join(run.reportsDir, bundle.find((a) => a.endsWith("journal-current-boot.txt")) ?? "missing"), "utf8")).toMatch(/^\$ journalctl -b/);
    const xml = junitOf(run.reportsDir);
    expect(count(xml, "flakyFailure")).toBe(1);
    expect(count(xml, "failure")).toBe(0);
    await xmllint(path.join(run.reportsDir, "junit.xml"), "--schema", path.join(import.meta.dirname, "..", "report", "schema", "junit.xsd"));
    const summary = readFileSync(path.join(run.reportsDir, "summary.md"), "utf8");
    expect(summary).toMatch(/^## ✅ .*\(1 flaky\)/);
    expect(summary).toContain("### Flaky (1)");
    expect(run.stderr).toContain("Flaky: 1 test(s) passed only on a retry");
  });

  test("the same with --fail-on-flaky: exit 1", async () => {
    const run = await runNwh(["--suite", RETRIES, "-t", FLAKY, "--retries", "1", "--fail-on-flaky"], { timeoutMs: 600_000 });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(1);
    expect(findCase(run, FLAKY).status).toBe("passed");
    expect(run.stderr).toMatch(/Failed: 1 test\(s\) flaky \(--fail-on-flaky\)/);
  });

  test("a test failing every attempt: exit 1, its <failure> plus one <rerunFailure> per rerun", async () => {
    const run = await runNwh(["--suite", RETRIES, "-t", ALWAYS_FAILING, "--retries", "2"], { timeoutMs: 600_000 });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(1);
    const failing = findCase(run, ALWAYS_FAILING);
    expect(failing.status).toBe("failed");
    expect(failing.reruns?.map((r) => r.status)).toEqual(["failed", "failed"]);
    const xml = junitOf(run.reportsDir);
    expect(count(xml, "failure")).toBe(1);
    expect(count(xml, "rerunFailure")).toBe(2);
  });

  test("a test that broke its distro passes on a freshly imported one", async () => {
    const run = await runNwh(["--suite", path.join(FIXTURE_SUITES_DIR, "broken-distro.suite.ts"), "--retries", "1"], { timeoutMs: 900_000 });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(0);
    expect(findCase(run, "passes on the retry's fresh import").reruns?.[0]?.failure.message).toContain("removed");
    expect(findCase(run, "runs on the fresh distro too").status).toBe("passed");
    expect(run.stderr).toMatch(/stopped answering; importing a fresh distro for the retry/);
    expect(await containersOf(run.properties["run.id"])).toEqual([]);
  });
});

describe("nwh run --retries with a distro that cannot be set up", () => {
  test("the file's first test is one <error> plus one <rerunError> per retry, each a fresh import's own; the others are not run", async () => {
    // A boot budget no import meets: every attempt's setup fails (on Docker the image import alone takes seconds; so no image cache).
    const run = await runNwh(["--suite", path.join(FIXTURE_SUITES_DIR, "setup.suite.ts"), "--retries", "1"], { timeoutMs: 600_000, config: { timeouts: { bootMs: 1_500 } }, env: { NWH_IMAGE_CACHE: "0" } });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(1);
    const [first, ...others] = run.cases;
    expect(first?.status).toBe("error");
    expect(first?.failure?.message).toMatch(/^the distro for suite "setup" could not be set up: /);
    expect(first?.reruns?.map((r) => r.status), "one rerun, an error: the retry's import failed too").toEqual(["error"]);
    expect(first?.reruns?.[0]?.output, "the rerun carries its own import's transcript").toMatch(/\$ docker /);
    expect(others).toHaveLength(2);
    for (const c of others) expect(c.skipReason ?? c.status, c.name).toMatch(/^not run: the distro for suite "setup" could not be set up: /);
    const xml = junitOf(run.reportsDir);
    expect(count(xml, "error")).toBe(1);
    expect(count(xml, "rerunError")).toBe(1);
    expect(count(xml, "skipped")).toBe(2);
    // One import per attempt: two in the suite's <system-out>, the retry's once more in its <rerunError>'s, none per other test.
    expect(first?.reruns?.[0]?.output?.match(/\$ docker import /g)).toHaveLength(1);
    expect(xml.match(/\$ docker import /g)).toHaveLength(3);
    await xmllint(path.join(run.reportsDir, "junit.xml"), "--schema", path.join(import.meta.dirname, "..", "report", "schema", "junit.xsd"));
    expect(await containersOf(run.properties["run.id"])).toEqual([]);
  });
});

describe("quarantine", () => {
  const today = new Date().toISOString().slice(0, 10);
  const entry = (expires: string) => ({ test: `retries > retries > ${ALWAYS_FAILING}`, reason: "https://github.com/nix-community/NixOS-WSL/issues/1", expires });

  test("a quarantined failing test runs and is reported but does not fail the run; an entry matching nothing is a warning", async () => {
    const config = { quarantine: [entry("2999-12-31"), { test: "retries > no such test", reason: "https://example.org/2", expires: "2999-12-31" }] };
    const run = await runNwh(["--suite", RETRIES, "-t", ALWAYS_FAILING], { timeoutMs: 600_000, config });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(0);
    const quarantined = findCase(run, ALWAYS_FAILING);
    expect(quarantined.status).toBe("failed");
    expect(quarantined.quarantine).toEqual({ reason: entry("").reason, expires: "2999-12-31" });
    expect(run.properties[`quarantine (retries > ${ALWAYS_FAILING})`]).toBe(`${entry("").reason} until 2999-12-31`);
    const summary = readFileSync(path.join(run.reportsDir, "summary.md"), "utf8");
    expect(summary).toMatch(/^## ✅/);
    expect(summary).toContain("### Quarantined (1)");
    expect(summary).toContain('quarantine entry "retries > no such test" matched no test');
  });

  test("an expired entry fails the run naming it", async () => {
    const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    const run = await runNwh(["--suite", RETRIES, "-t", "passes"], { timeoutMs: 600_000, config: { quarantine: [entry(yesterday)] } });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(1);
    expect(run.stderr).toContain(`quarantine entry "retries > retries > ${ALWAYS_FAILING}" expired on ${yesterday}`);
    expect(readFileSync(path.join(run.reportsDir, "summary.md"), "utf8")).toMatch(/^## ❌[\s\S]*expired on/);
  });
});

describe("nwh run --timeout", () => {
  test("the watchdog firing mid-test: exit 124, a valid JUnit naming the stopped test with its failure bundle, nothing left behind", async () => {
    // 60 s: the watchdog must fire while the test runs, after its distro's start (the image is cached first: an
    // import takes up to ~100 s on a loaded machine).
    await warmImageCache();
    const started = performance.now();
    const run = await runNwh(["--suite", path.join(FIXTURE_SUITES_DIR, "watchdog.suite.ts"), "--timeout", "60s"], { timeoutMs: 600_000 });
    expect(run.exitCode, run.stderr.slice(-3000)).toBe(124);
    expect(performance.now() - started, "stopped long before the test's own 900 s").toBeLessThan(420_000);
    expect(run.stderr).toContain("the run's --timeout (60 s) expired");
    await xmllint(path.join(run.reportsDir, "junit.xml"));
    const stopped = findCase(run, "runs longer than the run's --timeout");
    expect(stopped.status).toBe("error");
    expect(stopped.failure?.type).toBe("interrupted");
    expect(stopped.failure?.message).toBe("interrupted: the run's --timeout (60 s) expired");
    // The stopped test's failure bundle, collected within the watchdog's grace, attached and listed.
    const bundle = stopped.attachments ?? [];
    expect(bundle.map((a) => path.basename(a))).toEqual(expect.arrayContaining(["attempt-1-journal-current-boot.txt", "attempt-1-failed-units.txt", "attempt-1-systemd-analyze-blame.txt", "attempt-1-dmesg-tail.txt", "attempt-1-os-release"]));
    expect(readFileSync(path.join(run.reportsDir, bundle.find((a) => a.endsWith("journal-current-boot.txt")) ?? "missing"), "utf8")).toMatch(/^\$ journalctl -b/);
    expect(findCase(run, "never starts: the watchdog fired before").skipReason).toBe("not run: the run's --timeout (60 s) expired");
    expect(await containersOf(run.properties["run.id"])).toEqual([]);
  });
});
