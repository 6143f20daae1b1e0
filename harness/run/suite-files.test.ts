import path from "node:path";
import { expect, test } from "vitest";
import { listSuites, SUITES_DIR, suiteFiles } from "./suite-files.ts";

test("a suite with an exclusive file is listed once and runs both of its files", () => {
  expect(listSuites()).toContain("systemd");
  expect(listSuites().filter((name) => name.includes("exclusive"))).toEqual([]);
  expect(suiteFiles(["systemd"])).toEqual([path.join(SUITES_DIR, "systemd.suite.ts"), path.join(SUITES_DIR, "systemd.exclusive.suite.ts")]);
  expect(suiteFiles(["gui"])).toEqual([path.join(SUITES_DIR, "gui.suite.ts")]);
  expect(suiteFiles([])).toContain(path.join(SUITES_DIR, "systemd.exclusive.suite.ts"));
});
