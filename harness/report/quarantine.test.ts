import { describe, expect, test } from "vitest";
import { QuarantineBook, quarantineTestId } from "./quarantine.ts";

const entry = (name: string, expires: string) => ({ test: `systemd > ${name}`, reason: "https://example.org/issues/1", expires });

describe("QuarantineBook", () => {
  test("marks the tests of live entries, by suite name and full test name", () => {
    const book = new QuarantineBook([entry("boots", "2030-01-01")], "2029-12-31");
    expect(quarantineTestId("suites/systemd.suite.ts", "boots")).toBe("systemd > boots");
    expect(quarantineTestId("suites/systemd.exclusive.suite.ts", "boots"), "a suite's exclusive file").toBe("systemd > boots");
    expect(book.mark("suites/systemd.suite.ts", "boots")).toEqual({ reason: "https://example.org/issues/1", expires: "2030-01-01" });
    expect(book.mark("suites/networking.suite.ts", "boots")).toBeUndefined();
    expect(book.notes()).toEqual([]);
  });

  test("an entry holds through its expiry day, then no longer marks its test and is reported as expired", () => {
    expect(new QuarantineBook([entry("boots", "2030-01-01")], "2030-01-01").expired).toEqual([]);
    const book = new QuarantineBook([entry("boots", "2030-01-01")], "2030-01-02");
    expect(book.mark("suites/systemd.suite.ts", "boots")).toBeUndefined();
    expect(book.expired.map((e) => e.test)).toEqual(["systemd > boots"]);
    expect(book.notes()).toEqual([expect.stringMatching(/^❌ quarantine entry "systemd > boots" expired on 2030-01-01/)]);
  });

  test("a live entry that matched no test is a warning", () => {
    const book = new QuarantineBook([entry("boots", "2030-01-01"), entry("gone", "2030-01-01")], "2029-01-01");
    book.mark("suites/systemd.suite.ts", "boots");
    expect(book.notes()).toEqual([expect.stringMatching(/^⚠️ quarantine entry "systemd > gone" matched no test/)]);
  });
});
