import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exec, type ExecResult } from "../../../exec/index.ts";
import { DistroLedger, harnessDistroName } from "../distro-ledger.ts";
import { isWslEmulator } from "../emulator-info.ts";
import { WslCli } from "../wsl-cli.ts";
import { wslArgs } from "../wsl-commands.ts";
import { looksLikeUtf16le } from "../wsl-output.ts";
import type { RecordedEntry, RecordingMachine } from "./recorded-folder.ts";
import { harmlessCalls, type RecordingCall, throwawayCalls } from "./recording-calls.ts";
import { systemLocale, versionsFrom } from "./recording-machine.ts";

export interface RecordWslOptions {
  wslExe: string;
  outDir: string;
  /** With it: the throwaway import, `--exec` of a missing program in it, a bad tarball's import, the unregister. */
  tarball?: string;
  harnessVersion: string;
  log?: (line: string) => void;
  /** One read-only call; default 60 s. */
  callTimeoutMs?: number;
  /** Each call of the throwaway distro (import, first start, unregister); default 10 min. */
  importTimeoutMs?: number;
}

export interface RecordWslResult {
  outDir: string;
  entries: RecordedEntry[];
  machine: RecordingMachine;
}

interface CallRecord {
  call: RecordingCall;
  result: ExecResult;
}

/**
 * Runs the fixed call set against wsl.exe and writes each call's raw bytes and a manifest.json in the format of
 * harness/backends/wsl/recorded/. Only distros named by the recorder are created or removed.
 */
export async function recordWsl(options: RecordWslOptions): Promise<RecordWslResult> {
  const log = options.log ?? (() => {});
  mkdirSync(options.outDir, { recursive: true });
  const records: CallRecord[] = [];
  const run = async (call: RecordingCall, timeoutMs: number): Promise<ExecResult> => {
    log(`  ${call.wslUtf8 ? "WSL_UTF8=1 " : ""}wsl ${call.args.join(" ")}`);
    const result = await exec([options.wslExe, ...call.args], { timeoutMs, env: { WSL_UTF8: call.wslUtf8 } });
    records.push({ call, result });
    return result;
  };
  const callTimeoutMs = options.callTimeoutMs ?? 60_000;
  for (const call of harmlessCalls()) await run(call, callTimeoutMs);
  const versions = versionsFrom(records.find((r) => r.call.kind === "version" && r.result.exitCode === 0)?.result.stdoutBytes);
  if (options.tarball) await recordThrowaway({ ...options, wslVersion: versions.wslVersion }, run, callTimeoutMs, log);

  const machine: RecordingMachine = {
    ...versions,
    date: new Date().toISOString(),
    locale: await systemLocale(),
    hostOs: `${process.platform} ${os.release()}`,
    harnessVersion: options.harnessVersion,
    emulated: await isWslEmulator(new WslCli({ wslExe: options.wslExe, timeoutMs: callTimeoutMs })).catch(() => false),
  };
  const entries = records.flatMap((record) => writeCall(options.outDir, record, machine));
  writeFileSync(path.join(options.outDir, "manifest.json"), `${JSON.stringify(entries, null, 2)}\n`);
  return { outDir: options.outDir, entries, machine };
}

async function recordThrowaway(
  options: RecordWslOptions & { tarball?: string; wslVersion: string },
  run: (call: RecordingCall, timeoutMs: number) => Promise<ExecResult>,
  callTimeoutMs: number,
  log: (line: string) => void,
): Promise<void> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "nwh-record-wsl-"));
  const distro = harnessDistroName("record");
  const badDistro = harnessDistroName("record-bad");
  const location = path.join(scratch, distro);
  const badLocation = path.join(scratch, badDistro);
  const badTarball = path.join(scratch, "not-a-tarball.tar.gz");
  writeFileSync(badTarball, "nwh record-wsl: these bytes are not a tar archive\n");
  // In the harness's ledger while they may exist, so that `nwh cleanup` finds them after a crash.
  const ledger = new DistroLedger();
  const runId = `nwh-record-${randomBytes(3).toString("hex")}`;
  for (const [name, dir] of [[distro, location], [badDistro, badLocation]] as const) {
    ledger.write({ name, runId, location: dir, wslExe: options.wslExe, pid: process.pid, hostname: os.hostname(), createdAt: new Date().toISOString() });
  }
  const calls = throwawayCalls({ distro, location, tarball: path.resolve(options.tarball as string), wslVersion: options.wslVersion, badDistro, badLocation, badTarball });
  try {
    // The import and the distro's first start (activation, systemd's boot) may take minutes on a real NixOS-WSL.
    for (const call of calls) await run(call, options.importTimeoutMs ?? 600_000);
  } finally {
    // Whatever the calls left (a failed unregister, a bad import that registered after all) goes; nothing else.
    const cli = new WslCli({ wslExe: options.wslExe, timeoutMs: callTimeoutMs });
    const left = (await cli.list({ retry: false }).catch(() => [])).map((entry) => entry.name.toLowerCase());
    for (const name of [distro, badDistro]) {
      if (left.includes(name.toLowerCase())) {
        log(`  removing the throwaway distro ${name}`);
        await cli.run(wslArgs.unregister(name), { retry: false }).catch((error: unknown) => log(`  could not remove ${name}: ${(error as Error).message.split("\n")[0]}; try: nwh cleanup --backend wsl`));
      }
      ledger.remove(name);
    }
    rmSync(scratch, { recursive: true, force: true });
  }
}

function writeCall(outDir: string, { call, result }: CallRecord, machine: RecordingMachine): RecordedEntry[] {
  const command = `${call.wslUtf8 ? "WSL_UTF8=1 " : ""}wsl ${call.args.join(" ")}`;
  const streams = [
    ["stdout", result.stdoutBytes],
    ["stderr", result.stderrBytes],
  ] as const;
  return streams.map(([stream, bytes]) => {
    const encoding = looksLikeUtf16le(bytes) ? "utf16le" : "utf8";
    const file = `${call.id}.${stream}.${encoding}.txt`;
    writeFileSync(path.join(outDir, file), bytes);
    return {
      file,
      call: call.id,
      kind: call.kind,
      command,
      argv: call.args,
      exitCode: result.exitCode ?? -1,
      encoding,
      stream,
      source: `recorded by nwh record-wsl ${machine.harnessVersion} on ${machine.hostOs} (WSL ${machine.wslVersion}, Windows ${machine.windowsVersion}) at ${machine.date}`,
      ...(machine.emulated ? { synthetic: "recorded through the project's WSL emulator (fixtures/wsl-emulator), not a real wsl.exe" } : {}),
      wslUtf8: call.wslUtf8 ?? null,
      locale: machine.locale,
      durationMs: Math.round(result.durationMs),
      ...(result.timedOut ? { timedOut: true } : {}),
      ...(result.truncated ? { truncated: true } : {}),
      machine,
    };
  });
}

/** True when DIR already holds a recording (a second one must not mix its files into it). */
export function holdsRecording(dir: string): boolean {
  return existsSync(path.join(dir, "manifest.json"));
}

