import { describe, expect, it } from "vitest";
import { type BenchProgressEvent, runBenchProbes } from "./bench-runner.ts";
import { validateBenchResult } from "../model/bench-schema.ts";
import { ALL_PROBES, selectProbes } from "./probe-catalogue.ts";
import { medianCiHalfWidth } from "../model/power.ts";
import { defaultRebuildCommands, type Probe } from "./probe.ts";
import { seededRandom } from "../model/statistics.ts";
import { VirtualClockBackend } from "./virtual-clock-backend.test-helper.ts";

const timeouts = { bootMs: 10_000, execMs: 5_000 };
const rebuild = defaultRebuildCommands("/fixtures/nixos/with-service.nix");

async function bench(backend: VirtualClockBackend, extra: Partial<Parameters<typeof runBenchProbes>[0]> = {}) {
  return runBenchProbes({ backend, tarball: "/t.tar.gz", probes: ALL_PROBES, repetitions: 3, warmup: 1, timeouts, rebuild, now: backend.now, ...extra });
}

describe("runBenchProbes on a virtual clock", () => {
  it("measures every probe from where it says to where it says, on WSL", async () => {
    const backend = new VirtualClockBackend("wsl");
    const results = await bench(backend);
    const median = (name: string) => results.find((r) => r.name === name)?.medianMs;
    // import 1000; first start = VM start 2000 (only the first import ever finds the VM down) or start 500, + exec 10
    expect(median("import")).toBe(1000);
    // first start: to activation's end (systemd started: the first process 20 ms, activation 80 ms into the start)
    expect(median("first-start")).toBe(100);
    expect(median("cold-vm-start")).toBe(2000 + 500 + 10);
    expect(median("cold-instance-start")).toBe(510);
    // systemd's own instants on the distro's clock (offset from the host's by round trips): the start, not the exec after it
    expect(median("time-to-running")).toBe(500);
    expect(median("systemd-userspace")).toBe(400);
    // the user manager is active 5 ms after the boot finished; the polls that saw it are its detection latency
    expect(median("time-to-user-session")).toBe(505);
    expect(median("rebuild-switch")).toBe(4000);
    expect(median("rebuild-boot")).toBe(4000);
    expect(median("rollback")).toBe(4000);
    expect(median("terminate")).toBe(100);
    expect(median("shutdown")).toBe(300);
    for (const r of results) expect(r, r.name).toMatchObject({ applicable: true, n: 3, samplesMs: expect.any(Array) });
    expect(results.find((r) => r.name === "time-to-running")?.details?.systemdAnalyze).toMatchObject({
      analyzeTime: { finished: true, userspaceMs: 400 },
      blameTop10: [{ unit: "nix-daemon.service", ms: 300 }, expect.anything()],
    });
  });

  it("ends boot probes at the distro's reported instants and records detection, clock uncertainty and phases per sample", async () => {
    const backend = new VirtualClockBackend("wsl");
    const results = await bench(backend, { probes: selectProbes(["time-to-running", "time-to-user-session"]) });
    const running = results.find((r) => r.name === "time-to-running")!;
    expect(running.samplesMs).toEqual([500, 500, 500]);
    // the distro's clock is 1e6 ms off the host's; /proc/uptime's 10 ms steps over 10 ms round trips bound it to ±10 ms
    expect(running.bootSamples).toEqual(
      Array(3).fill({ detectionMs: 10, clockUncertaintyMs: 10, phasesMs: { start: 20, activation: 80, "systemd-userspace": 400, "user-session": 5 } }),
    );
    const session = results.find((r) => r.name === "time-to-user-session")!;
    expect(session.samplesMs).toEqual([505, 505, 505]);
    // seen by the `true` (10 ms) and one is-active poll (10 ms) after the 500 ms start
    expect(session.bootSamples?.map((b) => b.detectionMs)).toEqual([15, 15, 15]);
    // systemd-userspace is a plain figure: no per-sample boot facts
    expect(results.find((r) => r.name === "systemd-userspace")?.bootSamples).toBeUndefined();
  });

  it("refuses a sample whose boot began before the harness asked for it (the distro was not restarted)", async () => {
    const backend = new VirtualClockBackend("docker");
    backend.terminate = async () => {}; // a terminate that does nothing: the next exec finds the distro running
    const [running] = await bench(backend, { probes: selectProbes(["time-to-running"]) });
    expect(running?.error).toMatch(/systemd started .* ms before the harness asked for the start/);
  });

  describe("--precision", () => {
    /** A probe whose figure is 1000 ms ± spread (seeded), one per repetition. */
    const noisy = (spread: number): Probe => {
      const random = seededRandom(11);
      return { outputs: [{ name: "noisy", description: "d", from: "a", to: "b" }], measure: async () => ({ noisy: 1000 + spread * (random() - 0.5) }) };
    };
    it("stops at -n when the median's interval is already within the target", async () => {
      const [r] = await runBenchProbes({ backend: new VirtualClockBackend("docker"), tarball: "/t", probes: [noisy(10)], repetitions: 5, warmup: 0, timeouts, precision: { target: 0.03, maxRepetitions: 50 } });
      expect(r).toMatchObject({ n: 5, precision: { target: 0.03, maxRepetitions: 50, reached: true } });
      expect(r!.precision!.achieved).toBeLessThanOrEqual(0.03);
    });
    it("repeats beyond -n until the interval is within ±3%, and no further", async () => {
      const [r] = await runBenchProbes({ backend: new VirtualClockBackend("docker"), tarball: "/t", probes: [noisy(400)], repetitions: 5, warmup: 1, timeouts, precision: { target: 0.03, maxRepetitions: 200 } });
      expect(r!.precision).toMatchObject({ reached: true });
      expect(r!.n).toBeGreaterThan(5);
      expect(r!.n).toBeLessThan(200);
      expect(medianCiHalfWidth(r!.samplesMs)).toBeLessThanOrEqual(0.03);
      expect(medianCiHalfWidth(r!.samplesMs.slice(0, -1))).toBeGreaterThan(0.03);
    });
    it("says so when the cap stops it first", async () => {
      const [r] = await runBenchProbes({ backend: new VirtualClockBackend("docker"), tarball: "/t", probes: [noisy(1500)], repetitions: 3, warmup: 0, timeouts, precision: { target: 0.01, maxRepetitions: 8 } });
      expect(r).toMatchObject({ n: 8, precision: { reached: false, maxRepetitions: 8 } });
      expect(r!.precision!.achieved).toBeGreaterThan(0.01);
    });
  });

  it("removes every distro it imported", async () => {
    const backend = new VirtualClockBackend("wsl");
    await bench(backend);
    expect(backend.distros.size).toBe(0);
    // import+first-start: 1 warm-up + 3 measured fresh distros; every other probe reuses one shared distro
    expect(backend.log.filter((l) => l.startsWith("import")).length).toBe(4 + 1);
  });

  it("marks probes without meaning on Docker as not applicable with the reason", async () => {
    const backend = new VirtualClockBackend("docker");
    const results = await bench(backend);
    const vm = results.find((r) => r.name === "cold-vm-start")!;
    expect(vm).toMatchObject({ applicable: false, n: 0, medianMs: null, samplesMs: [] });
    expect(vm.notApplicableReason).toMatch(/no utility VM/);
    expect(results.find((r) => r.name === "first-start")?.notApplicableReason).toMatch(/importDistro already starts the container/);
    expect(results.find((r) => r.name === "import")).toMatchObject({ applicable: true, n: 3 });
    expect(results.filter((r) => !r.applicable).map((r) => r.name)).toEqual(["first-start", "cold-vm-start"]);
  });

  it("marks probes needing missing capabilities as not applicable", async () => {
    const backend = new VirtualClockBackend("docker", {}, ["systemd"]);
    const results = await bench(backend, { probes: selectProbes(["rebuild-switch", "terminate"]) });
    expect(results.map((r) => [r.name, r.applicable])).toEqual([
      ["rebuild-switch", false],
      ["terminate", true],
    ]);
    expect(results[0]?.notApplicableReason).toBe("the distro lacks nixos-rebuild");
  });

  it("reports a failing repetition with the samples so far and goes on with the next probe", async () => {
    const backend = new VirtualClockBackend("docker");
    backend.failExec = { argv: "nixos-rebuild switch", nth: 3, message: "switch-to-configuration exited 4" };
    const results = await bench(backend, { probes: selectProbes(["rebuild-switch", "terminate"]) });
    expect(results[0]).toMatchObject({ name: "rebuild-switch", applicable: true, n: 1 });
    expect(results[0]?.error).toMatch(/^repetition 3 failed: command failed with exit code 1 as root: nixos-rebuild switch in nwh-bench-[0-9a-f]{8}\nstderr:\n {2}switch-to-configuration exited 4$/);
    expect(results[1]).toMatchObject({ name: "terminate", n: 3 });
    expect(backend.distros.size).toBe(0);
  });

  it("turns a shared distro that does not start into an error of each probe needing it", async () => {
    const backend = new VirtualClockBackend("docker");
    backend.failExec = { argv: "true", nth: 1, message: "chdir to cwd failed" };
    const errors: string[] = [];
    const results = await bench(backend, { probes: selectProbes(["time-to-running", "terminate"]), onProbeError: (p) => errors.push(p) });
    expect(results[0]).toMatchObject({ name: "time-to-running", n: 0, error: expect.stringMatching(/could not prepare the probe: .*did not start.*chdir/) });
    expect(errors).toContain("time-to-running");
    expect(backend.distros.size).toBe(0);
  });

  it("reports progress per probe and repetition, warm-up first", async () => {
    const backend = new VirtualClockBackend("docker");
    const events: BenchProgressEvent[] = [];
    await bench(backend, { probes: selectProbes(["terminate"]), repetitions: 2, onProgress: (e) => events.push(e) });
    expect(events.map((e) => [e.probeName, e.warmup, e.repetition, e.repetitions])).toEqual([
      ["terminate", true, 1, 1],
      ["terminate", false, 1, 2],
      ["terminate", false, 2, 2],
    ]);
  });

  it("stops at an abort and still removes what it made", async () => {
    const backend = new VirtualClockBackend("docker");
    const controller = new AbortController();
    const run = bench(backend, { onProgress: (e) => e.probeIndex === 2 && controller.abort(new Error("SIGINT")), signal: controller.signal });
    await expect(run).rejects.toThrow("SIGINT");
    expect(backend.distros.size).toBe(0);
  });

  it("gives results that validate as bench.json probes", async () => {
    const backend = new VirtualClockBackend("docker");
    const probes = await bench(backend);
    const env = { backend: "docker", wslVersion: "", kernelVersion: "", wslgVersion: "", windowsVersion: "", runnerImage: "", cpuModel: "", cpuCores: 1, hostOs: "", tarball: "", tarballSha256: "", harnessVersion: "", nodeVersion: "", hostFacts: {} };
    expect(() => validateBenchResult({ schemaVersion: 2, harnessVersion: "0", createdAt: "", environment: env, repetitions: 3, warmup: 1, probes })).not.toThrow();
  });
});
