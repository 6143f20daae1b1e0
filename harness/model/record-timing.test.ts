import { describe, expect, it } from "vitest";
import { type MetaHolder, recordTiming, timeInto } from "./record-timing.ts";

describe("recordTiming", () => {
  it("creates the meta and rounds to 0.1 ms, keeping other meta", () => {
    const meta: MetaHolder = { nwh: { diagnostics: "x" } };
    recordTiming(meta, "import", 1234.5678);
    recordTiming(meta, "firstBoot", 800);
    expect(meta.nwh).toEqual({ diagnostics: "x", timingsMs: { import: 1234.6, firstBoot: 800 } });
    const empty: MetaHolder = {};
    recordTiming(empty, "rebuildSwitch", 1);
    expect(empty.nwh?.timingsMs).toEqual({ rebuildSwitch: 1 });
  });

  it("times an async call, also when it fails", async () => {
    const meta: MetaHolder = {};
    await expect(timeInto(meta, "rebuildSwitch", async () => "ok")).resolves.toBe("ok");
    await expect(
      timeInto(meta, "rollback", async () => {
        await new Promise((r) => setTimeout(r, 20));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(meta.nwh?.timingsMs?.rebuildSwitch).toBeGreaterThanOrEqual(0);
    expect(meta.nwh?.timingsMs?.rollback).toBeGreaterThanOrEqual(15);
  });
});
