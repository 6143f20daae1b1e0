import type { CaseStatus, SuiteReport } from "../report-model.ts";

/** A small run with one case of each status, for tests of the renderers. */
export function sampleSuites(): SuiteReport[] {
  const file = "suites/networking.suite.ts";
  return [
    {
      name: file,
      file,
      timestamp: "2026-11-25T06:00:00.000Z",
      durationMs: 15_300,
      properties: { backend: "docker", "harness.version": "0.1.0", standin: "true: Linux stand-in distro, not NixOS", distro: "nwh-abc-networking", "timing.import.ms": "8123", "timing.first-start.ms": "1890" },
      output: "$ docker import standin.tar.gz nwh-abc  (exit 0, 1480 ms)",
      cases: [
        { classname: file, name: "networking > resolv.conf points at the WSL resolver", status: "passed", durationMs: 812, output: "$ cat /etc/resolv.conf  (exit 0, 12 ms)\n  stdout:\n    nameserver 10.255.255.254" },
        { classname: file, name: "networking > localhost forwarding <works> & \"quotes\"", status: "failed", durationMs: 30_000, line: 42, failure: { message: "Test timed out in 30000ms.", type: "TimeoutError", detail: "Test timed out in 30000ms.\n    at <anonymous> (suites/networking.suite.ts:42:5)\n\n--- commands (1) ---\n$ curl http://127.0.0.1:8080  (TIMED OUT, 30000 ms)" } },
        { classname: file, name: "networking > mirrored mode", status: "skipped", durationMs: 0, skipReason: "needs capability windows-host (running on the docker backend)" },
        { classname: file, name: "networking > interrupted case", status: "error", durationMs: 0, failure: { message: "interrupted: SIGINT received", type: "interrupted", detail: "" } },
        { classname: file, name: "networking > journal attached", status: "passed", durationMs: 40, attachments: ["attachments/suites-networking.suite.ts/journal/journal.txt"] },
      ],
    },
  ];
}

/**
 * A 65 s run of five suite files on two workers, as junit.xml records it: each file's start, import and
 * first boot, its cases; two files with failed tests.
 */
export function sampleConcurrentRun(): SuiteReport[] {
  const t0 = Date.parse("2026-11-25T06:00:00.000Z");
  const suite = (name: string, startS: number, importMs: number, bootMs: number, cases: [string, CaseStatus, number][]): SuiteReport => {
    const file = `suites/${name}.suite.ts`;
    const caseMs = cases.reduce((sum, [, , ms]) => sum + ms, 0);
    return {
      name: file,
      file,
      timestamp: new Date(t0 + startS * 1000).toISOString(),
      durationMs: caseMs + importMs + bootMs + 400,
      properties: { backend: "docker", "started.at": new Date(t0 + startS * 1000).toISOString(), "timing.import.ms": String(importMs), "timing.firstBoot.ms": String(bootMs) },
      // The first test's time includes the distro's import and first boot (a fixture of that test).
      cases: cases.map(([test, status, ms], i) => ({
        classname: file,
        file,
        name: `${name} > ${test}`,
        status,
        durationMs: i === 0 ? ms + importMs + bootMs : ms,
        ...(status === "failed" ? { line: 10 + i, failure: { message: `expected 'inactive' to be 'active'`, type: "AssertionError", detail: `expected 'inactive' to be 'active'\n    at <anonymous> (${file}:${10 + i}:5)` } } : {}),
        ...(status === "skipped" ? { skipReason: "needs capability windows-host (running on the docker backend)" } : {}),
      })),
    };
  };
  return [
    suite("systemd", 0, 9_100, 3_200, [["boots to running", "passed", 1_200], ["no failed units", "failed", 2_400], ["journal", "passed", 900]]),
    suite("networking", 0.2, 9_600, 3_000, [["resolv.conf", "passed", 600], ["localhost", "passed", 8_000], ["mirrored", "skipped", 0]]),
    suite("rebuild", 23.4, 8_800, 2_900, [["switch", "passed", 14_000], ["rollback", "failed", 9_000], ["boot", "passed", 6_000]]),
    suite("gui", 21.9, 9_000, 3_100, [["weston", "passed", 4_000], ["screenshot", "passed", 2_500]]),
    suite("interop", 41.0, 8_900, 3_000, [["wslpath", "skipped", 0], ["env", "passed", 1_500]]),
  ];
}
