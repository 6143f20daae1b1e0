import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { waitUntil } from "../wait.ts";
import { JunitFileWriter } from "./junit-file-writer.ts";
import { parseJunit } from "./junit-parse.ts";
import { newSuiteState, type SuiteState } from "./suite-state.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "nwh-writer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function caseNamed(name: string) {
  return { classname: "s.ts", name, status: "passed" as const, durationMs: 1 };
}

describe("JunitFileWriter", () => {
  test("writes at once when idle, coalesces a burst into one later write, and the file is always complete", async () => {
    const file = path.join(work, "burst", "junit.xml");
    const suites: SuiteState[] = [newSuiteState("s.ts", "s.ts", {})];
    const writer = new JunitFileWriter(file, () => suites, { minIntervalMs: 100 });
    suites[0]!.report.cases.push(caseNamed("first"));
    writer.changed();
    expect(writer.writes).toBe(1);
    for (let i = 0; i < 50; i++) {
      suites[0]!.report.cases.push(caseNamed(`burst ${i}`));
      writer.changed();
      expect(parseJunit(readFileSync(file, "utf8")).length).toBe(1);
    }
    expect(writer.writes).toBe(1);
    await waitUntil(async () => writer.writes === 2, { timeoutMs: 5_000, what: "the coalesced write" });
    expect(parseJunit(readFileSync(file, "utf8"))[0]!.cases).toHaveLength(51);
    expect(readdirSync(path.dirname(file))).toEqual(["junit.xml"]);
    writer.dispose();
  });

  test("an interrupted write lists running cases as errors; finished suites are serialized once", () => {
    const file = path.join(work, "interrupted", "junit.xml");
    const done = newSuiteState("done.ts", "done.ts", {});
    done.report.cases.push(caseNamed("ok"));
    done.finished = true;
    const running = newSuiteState("running.ts", "running.ts", {});
    running.report.cases.push(caseNamed("ok too"));
    running.running.set("id-1", { classname: "running.ts", name: "slow one", status: "error", durationMs: 0 });
    const writer = new JunitFileWriter(file, () => [done, running]);
    writer.writeNow("SIGTERM received");
    const cachedXml = done.xml;
    expect(cachedXml).toContain('name="ok"');
    writer.writeNow("SIGTERM received");
    expect(done.xml).toBe(cachedXml);

    const suites = parseJunit(readFileSync(file, "utf8"));
    expect(suites.flatMap((s) => s.cases.map((c) => [c.name, c.status, c.failure?.type]))).toEqual([
      ["ok", "passed", undefined],
      ["ok too", "passed", undefined],
      ["slow one", "error", "interrupted"],
    ]);
    expect(suites[1]!.cases[1]!.failure?.message).toBe("interrupted: SIGTERM received");
  });
});
