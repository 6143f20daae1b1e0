import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAnalyzeTime, parseBlame, parseCriticalChain, parseManagerTimestamps, parseTimespan } from "./systemd-analyze.ts";

const recorded = (name: string) => readFileSync(new URL(`./recorded/${name}`, import.meta.url), "utf8");

describe("parseTimespan", () => {
  it.each([
    ["521ms", 521],
    ["1.280s", 1280],
    ["1min 2.345s", 62_345],
    ["1h 3min 4.001s", 3_784_001],
    ["12us", 0.012],
    ["750µs", 0.75],
  ])("%s -> %d ms", (text, ms) => {
    expect(parseTimespan(text)).toBeCloseTo(ms, 9);
  });
  it("refuses text that is not a span", () => {
    expect(parseTimespan("abc")).toBeUndefined();
    expect(parseTimespan("12 apples")).toBeUndefined();
    expect(parseTimespan("")).toBeUndefined();
  });
});

describe("parseAnalyzeTime", () => {
  it("WSL/container output: userspace only, no kernel part, no total", () => {
    expect(parseAnalyzeTime(recorded("time-wsl-userspace-only.txt"))).toEqual({
      finished: true,
      userspaceMs: 1599,
      defaultTarget: { unit: "graphical.target", reachedAfterMs: 1457 },
    });
  });
  it("NixOS on bare metal: every phase and the total", () => {
    expect(parseAnalyzeTime(recorded("time-nixos-bare-metal.txt"))).toEqual({
      finished: true,
      firmwareMs: 6008,
      loaderMs: 484,
      kernelMs: 546,
      initrdMs: 2551,
      userspaceMs: 9931,
      totalMs: 19_523,
      defaultTarget: { unit: "extras.target", reachedAfterMs: 9930 },
    });
  });
  it("old systemd printing plain ms", () => {
    expect(parseAnalyzeTime(recorded("time-old-ms-only.txt"))).toMatchObject({ finished: true, kernelMs: 9673, userspaceMs: 8638, totalMs: 18_312 });
  });
  it("minutes", () => {
    expect(parseAnalyzeTime(recorded("time-minutes.txt"))).toMatchObject({ userspaceMs: 62_345, defaultTarget: { unit: "multi-user.target", reachedAfterMs: 62_300 } });
  });
  it("boot not yet finished", () => {
    const t = parseAnalyzeTime(recorded("time-not-finished.txt"));
    expect(t.finished).toBe(false);
    expect(t.notFinishedReason).toMatch(/^Bootup is not yet finished/);
    expect(t.userspaceMs).toBeUndefined();
  });
  it("unrecognised output says so", () => {
    expect(parseAnalyzeTime("Failed to connect to bus")).toMatchObject({ finished: false, notFinishedReason: expect.stringMatching(/unrecognised.*Failed to connect/) });
  });
});

describe("parseBlame", () => {
  it("reads NixOS-WSL's blame after wsl --shutdown, top 10 in printed order", () => {
    const top = parseBlame(recorded("blame-nixos-wsl.txt"), 10);
    expect(top).toHaveLength(10);
    expect(top[0]).toEqual({ unit: "wsl_resolv.service", ms: 1280 });
    expect(top[3]).toEqual({ unit: "user@1000.service", ms: 521 });
    expect(top[6]).toEqual({ unit: "dev-sdc.device", ms: 242 });
    expect(top[9]).toEqual({ unit: "WSL2-VPN.service", ms: 147 });
  });
  it("reads all lines without a limit and skips junk", () => {
    expect(parseBlame(`${recorded("blame-nixos-wsl.txt")}\nsome warning line\n`)).toHaveLength(15);
  });
});

describe("parseCriticalChain", () => {
  it("reads the tree with depth, @ and + figures", () => {
    const chain = parseCriticalChain(recorded("critical-chain-nixos-wsl.txt"));
    expect(chain.map((e) => e.unit)).toEqual([
      "multi-user.target",
      "nix-daemon.socket",
      "sysinit.target",
      "systemd-tmpfiles-setup.service",
      "local-fs.target",
      "run-user-1000.mount",
      "systemd-journald.socket",
      "system.slice",
      "-.slice",
    ]);
    expect(chain[0]).toEqual({ unit: "multi-user.target", depth: 0, activeAtMs: 1960 });
    expect(chain[3]).toEqual({ unit: "systemd-tmpfiles-setup.service", depth: 3, activeAtMs: 1304, tookMs: 34 });
    expect(chain[8]).toEqual({ unit: "-.slice", depth: 8 });
  });
  it("reads the ASCII tree", () => {
    expect(parseCriticalChain("multi-user.target @2s\n`-basic.target @1.5s +3ms\n")).toEqual([
      { unit: "multi-user.target", depth: 0, activeAtMs: 2000 },
      { unit: "basic.target", depth: 1, activeAtMs: 1500, tookMs: 3 },
    ]);
  });
});

describe("real outputs recorded from the stand-in (Debian 12, systemd 252, in a Docker container)", () => {
  it("time: userspace only, trailing space tolerated", () => {
    expect(parseAnalyzeTime(recorded("time-standin-debian12-container.txt"))).toEqual({
      finished: true,
      userspaceMs: 2440,
      defaultTarget: { unit: "graphical.target", reachedAfterMs: 2317 },
    });
  });
  it("blame without leading spaces", () => {
    const blame = parseBlame(recorded("blame-standin-debian12-container.txt"), 10);
    expect(blame).toHaveLength(10);
    expect(blame[0]).toEqual({ unit: "e2scrub_reap.service", ms: 427 });
    expect(blame[9]).toEqual({ unit: "sys-kernel-debug.mount", ms: 216 });
  });
  it("a 17-deep critical chain", () => {
    const chain = parseCriticalChain(recorded("critical-chain-standin-debian12-container.txt"));
    expect(chain).toHaveLength(17);
    expect(chain[2]).toEqual({ unit: "systemd-logind.service", depth: 2, activeAtMs: 1894, tookMs: 420 });
    expect(chain[16]).toEqual({ unit: "-.slice", depth: 16, activeAtMs: 838 });
  });
});

describe("parseManagerTimestamps", () => {
  it("converts µs to ms", () => {
    expect(parseManagerTimestamps("UserspaceTimestampMonotonic=1234567\nFinishTimestampMonotonic=2234567\n")).toEqual({ userspaceMonotonicMs: 1234.567, finishMonotonicMs: 2234.567 });
  });
  it("names a missing key", () => {
    expect(() => parseManagerTimestamps("UserspaceTimestampMonotonic=1\n")).toThrow(/FinishTimestampMonotonic/);
  });
});
