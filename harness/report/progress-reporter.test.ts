import { describe, expect, test } from "vitest";
import type { TestCase, TestModule, TestSpecification } from "vitest/node";
import { ProgressReporter } from "./progress-reporter.ts";

function fakeModule(id: string, ok = true): TestModule {
  return { moduleId: `/abs/${id}`, relativeModuleId: id, ok: () => ok, diagnostic: () => ({ duration: 1500 }), type: "module" } as unknown as TestModule;
}

function fakeTest(module: TestModule, name: string, state: "passed" | "failed" | "skipped"): TestCase {
  return { id: `${module.moduleId}#${name}`, module, fullName: name, result: () => ({ state, errors: state === "failed" ? [{ message: "expected 1 to be 2\nmore" }] : undefined }), diagnostic: () => ({ flaky: false }) } as unknown as TestCase;
}

function capture(columns = 200) {
  const chunks: string[] = [];
  return { chunks, stream: { write: (text: string) => chunks.push(text), columns } };
}

function drive(reporter: ProgressReporter) {
  const a = fakeModule("suites/boot.suite.ts");
  const b = fakeModule("suites/net.suite.ts", false);
  reporter.onTestRunStart([{ moduleId: a.moduleId }, { moduleId: b.moduleId }] as unknown as TestSpecification[]);
  for (const [module, results] of [
    [a, ["passed", "passed"]],
    [b, ["failed", "skipped"]],
  ] as const) {
    reporter.onTestModuleStart(module);
    reporter.onHookStart({ name: "beforeAll", entity: module } as never);
    results.forEach((state, i) => {
      const test = fakeTest(module, `case ${i}`, state);
      reporter.onTestCaseReady(test);
      reporter.onTestCaseResult(test);
    });
    reporter.onTestModuleEnd(module);
  }
  reporter.onTestRunEnd([], [], "failed");
}

describe("ProgressReporter", () => {
  test("off a TTY: no cursor movement, one line per finished suite file and a closing line", () => {
    const { chunks, stream } = capture();
    drive(new ProgressReporter({ tty: false, stream }));
    const text = chunks.join("");
    expect(text.includes("\r") || text.includes("\u001b")).toBe(false);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe("✓ [1/2] suites/boot.suite.ts: 2 passed, 0 failed, 0 skipped (1.5 s)");
    expect(lines[1]).toBe("  ✗ suites/net.suite.ts › case 0: expected 1 to be 2");
    expect(lines[2]).toBe("✗ [2/2] suites/net.suite.ts: 0 passed, 1 failed, 1 skipped (1.5 s)");
    expect(lines[3]).toMatch(/^Tests: 2 passed, 1 failed, 1 skipped in 2 suite file\(s\), \d+\.\d s$/);
  });

  test("a case reported again (as a cancelled run does) counts once, by its latest state", () => {
    const { chunks, stream } = capture();
    const reporter = new ProgressReporter({ tty: false, stream });
    const module = fakeModule("suites/boot.suite.ts");
    reporter.onTestRunStart([{ moduleId: module.moduleId }] as unknown as TestSpecification[]);
    reporter.onTestModuleStart(module);
    reporter.onTestCaseResult(fakeTest(module, "case 0", "passed"));
    reporter.onTestCaseResult(fakeTest(module, "case 1", "skipped"));
    reporter.onTestCaseResult(fakeTest(module, "case 1", "skipped"));
    reporter.onTestModuleEnd(module);
    reporter.onTestRunEnd([], [], "interrupted");
    expect(chunks.join("")).toMatch(/^✓ \[1\/1\] suites\/boot.suite.ts: 1 passed, 0 failed, 1 skipped/);
    expect(chunks.at(-1)).toMatch(/^Tests: 1 passed, 0 failed, 1 skipped in 1 suite file\(s\), [\d.]+ s \(interrupted\)/);
  });

  test("on a TTY: one status line redrawn in place, naming the suite i/N and the setup, cut to the width", () => {
    const { chunks, stream } = capture();
    drive(new ProgressReporter({ tty: true, stream, redrawMs: 0 }));
    const draws = chunks.filter((c) => c.startsWith("\r\x1b[K") && c.length > 4);
    expect(draws.some((d) => d.includes("suite 2/2 suites/net.suite.ts"))).toBe(true);
    expect(draws.some((d) => d.includes("setting up suites/boot.suite.ts (importing, booting)"))).toBe(true);
    expect(draws.every((d) => !d.includes("\n"))).toBe(true);
    expect(chunks.at(-1)).toMatch(/^Tests: 2 passed, 1 failed, 1 skipped/);
    expect(chunks.join("").split("\n")).toHaveLength(3);
  });

  test("on a narrow TTY the status line is cut to the width", () => {
    const { chunks, stream } = capture(40);
    drive(new ProgressReporter({ tty: true, stream, redrawMs: 0 }));
    const draws = chunks.filter((c) => c.startsWith("\r\x1b[K") && c.length > 4);
    expect(draws.length).toBeGreaterThan(3);
    expect(draws.every((d) => [...d.slice(4)].length <= 39)).toBe(true);
  });
});
