import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { keepAttachments, slug } from "./attachments.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "nwh-attach-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("copies outside files next to the report, keeps files already there, names missing ones", () => {
  const reportsDir = path.join(work, "reports");
  const outside = path.join(work, "weston.log");
  const inside = path.join(reportsDir, "attachments", "gui", "already", "journal.txt");
  writeFileSync(outside, "weston log");
  mkdirSync(path.dirname(inside), { recursive: true });
  writeFileSync(inside, "journal");
  const result = keepAttachments(reportsDir, "suites/gui.suite.ts", "gui > starts weston", [
    { name: "weston.log", path: outside },
    { name: "journal.txt", path: inside },
    { name: "gone.txt", path: path.join(work, "gone.txt") },
  ]);
  expect(result.kept).toEqual(["attachments/suites-gui.suite.ts/gui-starts-weston/weston.log", "attachments/gui/already/journal.txt"]);
  expect(result.missing).toEqual([path.join(work, "gone.txt")]);
  expect(readFileSync(path.join(reportsDir, result.kept[0]!), "utf8")).toBe("weston log");
});

test("slugs are file-name safe and never empty", () => {
  expect(slug("a/b > c: d")).toBe("a-b-c-d");
  expect(slug("../..")).toBe("unnamed");
  expect(slug(".hidden")).toBe("hidden");
  expect(slug("///")).toBe("unnamed");
});
