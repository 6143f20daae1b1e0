import { describe, expect, it } from "vitest";
import { benchMarkdown } from "./bench-markdown.ts";
import { bootBenchResult, normalSamples } from "./sample-bench-result.ts";

const phases = { start: normalSamples(10, 100, 5, 1), activation: normalSamples(10, 50, 2, 2), "systemd-userspace": normalSamples(10, 400, 20, 3) };

describe("benchMarkdown", () => {
  it("states the detectable slow-down per probe and the boot phases' medians", () => {
    const md = benchMarkdown(bootBenchResult(phases, { detectionMs: 42, clockUncertaintyMs: 1.5 }));
    const row = md.split("\n").find((l) => l.startsWith("| time-to-running | 10 |"))!;
    // σ ≈ 21 ms on a 550 ms median, n = 10: (1.96 + 0.84)·σ·√(2/(10·2/π))/median ≈ 6–8%
    expect(row).toMatch(/\| [5-9]\.\d% \|/);
    expect(md).toContain("### Boot phases (medians)");
    const phaseRow = md.split("\n").find((l) => l.startsWith("| time-to-running |") && l.includes("42.0 ms"))!;
    // start | kernel (none in a container) | activation | systemd-userspace | user-session (not measured) | figure | detection | clock
    expect(phaseRow).toMatch(/^\| time-to-running \| 10\d ms \| — \| (49|50)\.\d ms \| (39\d|40\d|41\d) ms \| — \| 5\d\d ms \| 42\.0 ms \| 1\.5 ms \|$/);
  });

  it("shows a VM's kernel phase with the others, and why a container has none (—, not 0)", () => {
    const vm = benchMarkdown(bootBenchResult({ ...phases, kernel: normalSamples(10, 450, 10, 4) }));
    expect(vm.split("\n").find((l) => l.startsWith("| time-to-running |") && l.includes(" ms | 4"))).toMatch(/^\| time-to-running \| 10\d ms \| 4[4-5]\d ms \| /);
    expect(vm).not.toContain("Phases without a figure");
    const container = benchMarkdown(bootBenchResult(phases, { phasesAbsent: { kernel: "no kernel boot: the distro shares the host's running kernel (a container)" } }));
    expect(container).toContain("- time-to-running: kernel: no kernel boot: the distro shares the host's running kernel (a container) (10 of 10 samples)");
  });

  it("says ∞ when n is too small for any significant difference", () => {
    const md = benchMarkdown(bootBenchResult({ start: [100, 110, 105] }));
    expect(md).toContain("∞ (n too small)");
  });

  it("says per probe whether --precision was reached or the cap stopped it", () => {
    const result = bootBenchResult(phases);
    result.precision = { target: 0.03, maxRepetitions: 10 };
    result.probes[0]!.precision = { target: 0.03, maxRepetitions: 10, reached: false, achieved: 0.041 };
    expect(benchMarkdown(result)).toContain("- time-to-running: not reached: stopped by the cap at 10 repetitions (±4.1%)");
    expect(benchMarkdown(result)).toContain("repetitions (then more, up to 10, for --precision) after 1 warm-up");
    result.probes[0]!.precision = { target: 0.03, maxRepetitions: 10, reached: true, achieved: 0.021 };
    expect(benchMarkdown(result)).toContain("- time-to-running: reached after 10 repetitions (±2.1%)");
  });
});
