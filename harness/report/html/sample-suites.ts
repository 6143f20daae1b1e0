import type { SuiteReport } from "../report-model.ts";

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
