import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { NwhFileMeta, NwhTestMeta } from "../../../model/test-meta.ts";

describe("outcomes", () => {
  test("passes with a transcript", ({ task }) => {
    // What a suite fixture records for its file: the distro the suite ran on.
    const fileMeta: NwhFileMeta = {
      distro: "nwh-sample-distro",
      nixosVersion: "25.05.20250101.stand-in",
      capabilities: ["systemd", "nixos"],
      properties: { "wsl.version": "2.7.11.0" },
      timingsMs: { import: 1234.4, "first-start": 567 },
    };
    task.file.meta.nwh = fileMeta;
    const journal = path.join(os.tmpdir(), `nwh-sample-journal-${process.pid}.txt`);
    writeFileSync(journal, "Jan 01 systemd[1]: Started sample.service.\n");
    const meta: NwhTestMeta = {
      transcript: [{ argv: ["systemctl", "is-system-running"], startedAt: new Date().toISOString(), durationMs: 12, exitCode: 0, timedOut: false, stdoutTail: "running\n", stderrTail: "" }],
      attachments: [{ name: "journal.txt", path: journal }],
      timingsMs: { boot: 321 },
    };
    task.meta.nwh = meta;
    expect(1 + 1).toBe(2);
  });

  test("fails an assertion", async ({ task, annotate }) => {
    await annotate("resolv.conf was regenerated at boot", "notice");
    task.meta.nwh = {
      transcript: [{ argv: ["cat", "/etc/resolv.conf"], startedAt: new Date().toISOString(), durationMs: 3, exitCode: 1, timedOut: false, stdoutTail: "", stderrTail: "cat: /etc/resolv.conf: No such file or directory\n" }],
    } satisfies NwhTestMeta;
    expect("nameserver 127.0.0.53").toBe("nameserver 10.255.255.254");
  });

  test("fails with a wsl error code", ({ task }) => {
    task.meta.nwh = { wslErrorCode: "Wsl/Service/CreateInstance/HCS_E_CONNECTION_TIMEOUT" } satisfies NwhTestMeta;
    throw new Error("wsl.exe --import failed: HCS_E_CONNECTION_TIMEOUT");
  });

  test("skips with a reason", ({ skip }) => {
    skip("needs capability windows-host (running on the docker backend)");
  });

  test.skip("is skipped in the file", () => {});

  test("times out", { timeout: 50 }, async () => {
    await new Promise(() => {});
  });
});
