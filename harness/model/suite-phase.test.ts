import { describe, expect, test } from "vitest";
import { isExclusiveSuiteFile, suiteNameOf } from "./suite-phase.ts";

describe("suite phases", () => {
  test("an exclusive file belongs to the suite its name starts with", () => {
    expect(suiteNameOf("/x/suites/systemd.suite.ts")).toBe("systemd");
    expect(suiteNameOf("/x/suites/systemd.exclusive.suite.ts")).toBe("systemd");
    expect(suiteNameOf("suites/gui.suite.ts")).toBe("gui");
  });

  test("only `.exclusive.suite.ts` files run in the exclusive phase", () => {
    expect(isExclusiveSuiteFile("suites/systemd.exclusive.suite.ts")).toBe(true);
    expect(isExclusiveSuiteFile("suites/systemd.suite.ts")).toBe(false);
    expect(isExclusiveSuiteFile("suites/exclusive.suite.ts")).toBe(false);
  });
});
