import { describe, expect, it } from "vitest";
import { bootBenchResult, sampleBenchResult } from "../../timing/sample-bench-result.ts";
import { bootPhaseChartSvg, phaseMedians } from "./boot-phase-chart.ts";

describe("bootPhaseChartSvg", () => {
  it("draws per boot probe one stacked bar per bench file, a segment per phase the probe reports", () => {
    const a = bootBenchResult({ start: [100, 110, 120], activation: [50, 50, 50], "systemd-userspace": [400, 410, 420] }).probes;
    const b = bootBenchResult({ start: [100, 100, 100], "systemd-userspace": [800, 800, 800] }).probes;
    const svg = bootPhaseChartSvg([
      { label: "WSL 2.6.1", probes: a },
      { label: "WSL <2.7>", probes: b },
    ]);
    expect(svg.match(/<rect class="phase /g)).toHaveLength(5);
    expect(svg.match(/<rect class="phase phase-systemd-userspace"/g)).toHaveLength(2);
    expect(svg).toContain("WSL &lt;2.7&gt; · time-to-running · systemd-userspace: median 800 ms");
    // the longer stack spans the plot: 900 ms of 900 → 560 px; the other 560 × 570/900
    const widths = [...svg.matchAll(/class="phase phase-systemd-userspace" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths[1]).toBeCloseTo((800 / 900) * 560, 0);
  });
  it("is empty without boot phases (a version 1 file, or no boot probe)", () => {
    expect(bootPhaseChartSvg([{ label: "x", probes: sampleBenchResult().probes }])).toBe("");
  });
  it("takes each phase's median in the order phases happen", () => {
    expect(phaseMedians([{ phasesMs: { "systemd-userspace": 3, start: 1 } }, { phasesMs: { "systemd-userspace": 5, start: 2 } }])).toEqual([
      { phase: "start", ms: 1.5 },
      { phase: "systemd-userspace", ms: 4 },
    ]);
  });
});
