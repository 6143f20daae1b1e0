import { writeFileSync } from "node:fs";
import type { HostDiagnostic } from "../../harness/backend.ts";
import type { Distro } from "../../harness/distro.ts";
import type { Attachment } from "../../harness/model/test-meta.ts";
import { attachmentPath } from "./attachments.ts";

/** What a maintainer asks for first about a failed test, one file each (as root in the distro). */
const BUNDLE: ReadonlyArray<{ name: string; argv: readonly string[]; tailLines?: number }> = [
  { name: "journal-current-boot.txt", argv: ["journalctl", "-b", "--no-pager", "-o", "short-monotonic"] },
  { name: "failed-units.txt", argv: ["systemctl", "list-units", "--failed", "--no-pager", "--plain"] },
  { name: "systemd-analyze-blame.txt", argv: ["systemd-analyze", "blame", "--no-pager"] },
  { name: "systemd-analyze-critical-chain.txt", argv: ["systemd-analyze", "critical-chain", "--no-pager"] },
  { name: "dmesg-tail.txt", argv: ["dmesg"], tailLines: 200 },
  { name: "wsl.conf", argv: ["cat", "/etc/wsl.conf"] },
  { name: "os-release", argv: ["cat", "/etc/os-release"] },
  { name: "nixos-version.txt", argv: ["nixos-version"] },
];

/**
 * The host's side of the bundle: the backend's own files (`wsl -l -v`, the effective .wslconfig), or the line
 * host-facts.txt carries instead on a backend that has none.
 */
export interface HostSide {
  diagnostics?: (options: { timeoutMs: number }) => Promise<HostDiagnostic[]>;
  notApplicable?: string;
}

const NO_HOST_SIDE: HostSide = {};

const COMMAND_TIMEOUT_MS = 15_000;
const BUNDLE_DEADLINE_MS = 60_000;
/** Per file: the end is kept (the end of a journal is what explains a failure). */
const MAX_FILE_BYTES = 512 * 1024;

export interface BundleTarget {
  reportsDir: string;
  suite: string;
  test: string;
  /** Zero-based attempt (retries): each attempt gets its own files. */
  attempt: number;
  /** The whole bundle's time (default 60 s; shorter for a test the run's watchdog stopped). */
  deadlineMs?: number;
}

/**
 * Collects the failure bundle of one failed attempt into attachment files: bounded per command (time), per file
 * (size) and overall (time). A command that fails or times out is written down in its file; nothing here throws,
 * so the test's own failure stays the one reported.
 */
export async function collectFailureBundle(distro: Distro, target: BundleTarget, hostFacts: Record<string, string> = {}, host: HostSide = NO_HOST_SIDE): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  const budgetMs = target.deadlineMs ?? BUNDLE_DEADLINE_MS;
  const deadline = performance.now() + budgetMs;
  const write = (name: string, text: string) => {
    try {
      const file = attachmentPath(target.reportsDir, target.suite, target.test, `attempt-${target.attempt + 1}-${name}`);
      writeFileSync(file, capped(text));
      attachments.push({ name: `attempt-${target.attempt + 1}-${name}`, path: file });
    } catch {
      // A bundle file that cannot be written is left out; the failure is reported anyway.
    }
  };
  const hostLines = [...Object.entries(hostFacts).map(([k, v]) => `${k}: ${v}`), ...(host.notApplicable ? [host.notApplicable] : [])];
  if (hostLines.length > 0) write("host-facts.txt", hostLines.join("\n"));
  if (host.diagnostics) {
    const parts = await host.diagnostics({ timeoutMs: Math.min(COMMAND_TIMEOUT_MS, Math.max(1, deadline - performance.now())) }).catch((error: unknown) => [{ name: "host-diagnostics.txt", text: `could not be collected: ${(error as Error).message.split("\n")[0]}` }]);
    for (const part of parts) write(part.name, part.text);
  }
  for (const item of BUNDLE) {
    const remainingMs = deadline - performance.now();
    if (remainingMs <= 0) {
      write(item.name, `(not collected: the bundle's ${budgetMs / 1000} s were used up)`);
      continue;
    }
    try {
      const r = await distro.execute(item.argv, { user: "root", timeoutMs: Math.min(COMMAND_TIMEOUT_MS, remainingMs) });
      const out = item.tailLines ? r.stdout.split("\n").slice(-item.tailLines).join("\n") : r.stdout;
      write(item.name, [`$ ${item.argv.join(" ")}  (exit ${r.exitCode})`, out.trimEnd(), r.stderr.trimEnd()].filter(Boolean).join("\n"));
    } catch (error) {
      write(item.name, `$ ${item.argv.join(" ")}: could not run: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  return attachments;
}

function capped(text: string): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= MAX_FILE_BYTES) return text;
  return `[... ${bytes.length - MAX_FILE_BYTES} bytes cut; the end is kept]\n${bytes.subarray(bytes.length - MAX_FILE_BYTES).toString()}`;
}
