import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exec } from "../../exec/index.ts";
import { benchResultFromSamples, normalSamples, sampleBenchResult } from "../../timing/sample-bench-result.ts";

const NWH = fileURLToPath(new URL("../../../bin/nwh.js", import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), "nwh-compare-"));

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function set(seed: number, slowRunning = 1) {
  return benchResultFromSamples({
    import: normalSamples(10, 4000, 200, seed),
    "time-to-running": normalSamples(10, 900 * slowRunning, 45, seed + 1),
    terminate: normalSamples(10, 150, 7, seed + 2),
  });
}

const baseline = write("baseline.json", set(1));
const slower = write("slower.json", set(100, 1.3));
const same = write("same.json", set(200));

const nwh = (...args: string[]) => exec([process.execPath, NWH, "compare", ...args], { timeoutMs: 30_000 });

describe("nwh compare (as a process)", () => {
  it("exits 1 and names the probe that got 30% slower beyond --fail-if-slower 15%", async () => {
    const r = await nwh(baseline, slower, "--fail-if-slower", "15%");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/time-to-running is \d+\.\d% slower in .*slower\.json/);
    expect(r.stderr).not.toMatch(/import is|terminate is/);
    expect(r.stdout).toMatch(/\| time-to-running \|.*REGRESSION/);
  });

  it("exits 0 for a set compared with another draw of the same distribution", async () => {
    const r = await nwh(baseline, same, "--fail-if-slower", "15%");
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(/REGRESSION|slower \||faster \|/);
  });

  it("exits 0 and flags nothing for a set compared with itself", async () => {
    const r = await nwh(baseline, baseline, "--fail-if-slower", "15%");
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\| time-to-running \|/);
    expect(r.stdout).not.toMatch(/REGRESSION|slower \||faster \|/);
  });

  it("exits 0 without --fail-if-slower even when a probe is slower", async () => {
    const r = await nwh(baseline, slower);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\| time-to-running \|.* slower \|/);
  });

  it("prints JSON with --json and writes --out", async () => {
    const out = path.join(dir, "cmp.json");
    const r = await nwh(baseline, slower, baseline, "--json", "--out", out, "--fail-if-slower", "15");
    expect(r.exitCode).toBe(1);
    const { readFileSync } = await import("node:fs");
    const json = JSON.parse(readFileSync(out, "utf8"));
    expect(json.runs).toHaveLength(3);
    expect(json.regressions).toEqual([expect.objectContaining({ probe: "time-to-running" })]);
  });

  it.each([
    ["a missing file", () => [baseline, path.join(dir, "nope.json")], /bench file not found: .*nope\.json/],
    ["a file that is not JSON", () => [baseline, write("junk.json", "<xml/>")], /junk\.json is not a bench\.json \(not JSON/],
    ["JSON that is not a bench.json", () => [baseline, write("other.json", { hello: 1 })], /other\.json: not a bench\.json: no schemaVersion/],
    ["a wrong schemaVersion", () => [baseline, write("v9.json", { ...sampleBenchResult(), schemaVersion: 9 })], /v9\.json: unsupported bench\.json schemaVersion 9/],
    ["a bad threshold", () => [baseline, same, "--fail-if-slower", "fast"], /--fail-if-slower must be a percentage such as 15% \(got "fast"\)/],
    ["one file only", () => [baseline], /at least two bench\.json files/],
  ])("exits 2 with one clear line for %s", async (_what, args, message) => {
    const r = await nwh(...args());
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
