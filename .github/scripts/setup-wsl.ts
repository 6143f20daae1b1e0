/**
 * Installs or pins WSL on a Windows CI runner, then reports the version that is really there.
 *
 *   node .github/scripts/setup-wsl.ts <latest|pre-release|preinstalled|X.Y.Z>
 *
 * latest / pre-release: `wsl --update [--pre-release]` (retried: it fails transiently).
 * X.Y.Z: microsoft/WSL's `wsl.X.Y.Z.0.<arch>.msi` from its GitHub release, installed with msiexec (the
 * MSI allows downgrades). preinstalled: keep what the runner image has. Writes the step outputs
 * `version` and `kernel` and a line to the step summary.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { decodeWslOutput } from "../../harness/backends/wsl/wsl-output.ts";
import { parseWslVersion, type WslVersionInfo } from "../../harness/backends/wsl/wsl-version.ts";
import { ExecError, exec } from "../../harness/exec/index.ts";
import { withRetry } from "../../harness/retry.ts";
import { waitUntil } from "../../harness/wait.ts";
import { download } from "./download.ts";
import { annotateError, appendSummary, setOutput } from "./github-output.ts";

export type WslRequest = { kind: "preinstalled" } | { kind: "latest" } | { kind: "pre-release" } | { kind: "exact"; version: string };

export const WSL_REQUEST_HELP = 'one of "latest", "pre-release", "preinstalled" or an exact release such as "2.6.1" (see github.com/microsoft/WSL/releases)';

/** Parses the workflow input; an exact version may carry the MSI's trailing ".0". */
export function parseWslRequest(text: string): WslRequest {
  const value = text.trim();
  if (value === "latest" || value === "pre-release" || value === "preinstalled") return { kind: value };
  const exact = /^(\d+\.\d+\.\d+)(?:\.0)?$/.exec(value);
  if (exact?.[1]) return { kind: "exact", version: exact[1] };
  throw new Error(`wsl-version ${JSON.stringify(text)} is not valid: use ${WSL_REQUEST_HELP}`);
}

/** microsoft/WSL names its MSI assets wsl.<X.Y.Z>.0.<arch>.msi under the release tag X.Y.Z. */
export function msiUrl(version: string, arch: "x64" | "arm64"): string {
  return `https://github.com/microsoft/WSL/releases/download/${version}/wsl.${version}.0.${arch}.msi`;
}

/** `wsl --version` reports four parts (2.6.1.0); releases are named by three. */
export function sameRelease(installed: string, requested: string): boolean {
  return installed.replace(/\.0$/, "") === requested.replace(/\.0$/, "");
}

/** What setupWsl needs from the machine; the real ones drive wsl.exe and msiexec, tests pass fakes. */
export interface WslHost {
  /** undefined when `wsl --version` gives no version (no WSL, an old inbox build, an upgrade in progress). */
  readVersion(): Promise<WslVersionInfo | undefined>;
  update(preRelease: boolean): Promise<void>;
  installMsi(version: string): Promise<void>;
  log(line: string): void;
}

export interface WslSetupResult {
  before?: string;
  after: WslVersionInfo;
  action: "kept" | "updated" | "installed";
}

const SETTLE_TIMEOUT_MS = 180_000;

export async function setupWsl(request: WslRequest, host: WslHost, settleTimeoutMs = SETTLE_TIMEOUT_MS): Promise<WslSetupResult> {
  const before = (await host.readVersion())?.wslVersion;
  host.log(`WSL before setup: ${before ?? "no version reported"}`);
  let action: WslSetupResult["action"] = "kept";
  if (request.kind === "latest" || request.kind === "pre-release") {
    await host.update(request.kind === "pre-release");
    action = "updated";
  } else if (request.kind === "exact" && !(before && sameRelease(before, request.version))) {
    await host.installMsi(request.version);
    action = "installed";
  }
  // Right after an update wsl.exe may say "WSL is finishing an upgrade..." for a while.
  const after = await waitUntil(async () => host.readVersion(), { timeoutMs: settleTimeoutMs, what: "`wsl --version` to report a version after setup", intervalMs: 1000, maxIntervalMs: 5000 });
  if (request.kind === "exact" && !sameRelease(after.wslVersion, request.version)) {
    throw new Error(`WSL ${request.version} was requested, but after installing its MSI \`wsl --version\` reports ${after.wslVersion}; see the msiexec log above`);
  }
  return { before, after, action };
}

const WSL_EXE = "wsl.exe";

function windowsHost(tempDir: string): WslHost {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const wsl = (args: string[], timeoutMs: number) => exec([WSL_EXE, ...args], { env: { WSL_UTF8: "1" }, timeoutMs });
  return {
    log,
    async readVersion() {
      const result = await wsl(["--version"], 60_000);
      return result.exitCode === 0 ? parseWslVersion(decodeWslOutput(result.stdoutBytes)) : undefined;
    },
    async update(preRelease) {
      const args = preRelease ? ["--update", "--pre-release"] : ["--update"];
      await withRetry(
        async () => {
          const result = await wsl(args, 900_000);
          log(decodeWslOutput(result.stdoutBytes).trim());
          if (result.exitCode !== 0) throw new ExecError("exit", result);
        },
        { label: `wsl ${args.join(" ")}`, retries: 3, minTimeoutMs: 10_000, classify: () => ({ transient: true, reason: "wsl --update failed (often transient: store/network)" }) },
      );
    },
    async installMsi(version) {
      const arch = process.arch === "arm64" ? "arm64" : "x64";
      const url = msiUrl(version, arch);
      const file = path.join(tempDir, `wsl.${version}.0.${arch}.msi`);
      await download(url, file, { log });
      const logFile = path.join(tempDir, `wsl.${version}.msiexec.log`);
      log(`msiexec /i ${file}`);
      const result = await exec(["msiexec.exe", "/i", file, "/quiet", "/norestart", "/l*v", logFile], { timeoutMs: 900_000 });
      // 3010: installed, a reboot is asked for; WSL works without one.
      if (result.exitCode !== 0 && result.exitCode !== 3010) {
        throw new Error(`msiexec could not install ${path.basename(file)} (exit code ${result.exitCode}); last lines of ${logFile}:\n${logTail(logFile)}`);
      }
    },
  };
}

function logTail(file: string): string {
  try {
    return decodeWslOutput(readFileSync(file)).trimEnd().split("\n").slice(-40).join("\n");
  } catch (error) {
    return `(no log: ${(error as Error).message})`;
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1 || !argv[0]) {
    process.stderr.write(`Usage: node .github/scripts/setup-wsl.ts <version>, version ${WSL_REQUEST_HELP}\n`);
    return 2;
  }
  if (process.platform !== "win32") {
    process.stderr.write("setup-wsl: runs on Windows only (it drives wsl.exe and msiexec)\n");
    return 2;
  }
  const request = parseWslRequest(argv[0]);
  const tempDir = path.join(process.env.RUNNER_TEMP ?? process.cwd(), "setup-wsl");
  mkdirSync(tempDir, { recursive: true });
  const result = await setupWsl(request, windowsHost(tempDir));
  setOutput("version", result.after.wslVersion);
  setOutput("kernel", result.after.kernelVersion);
  appendSummary(`WSL: requested \`${argv[0]}\`, ${result.action}; was ${result.before ?? "none"}, now **${result.after.wslVersion}** (kernel ${result.after.kernelVersion}, Windows ${result.after.windowsVersion ?? "?"})`);
  process.stderr.write(`WSL ${result.after.wslVersion} (${result.action})\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      annotateError("setup-wsl", error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
