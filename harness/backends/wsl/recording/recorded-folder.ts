import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RecordedOutput } from "../recorded/read-recorded.ts";
import type { RecordedCallKind } from "./recording-calls.ts";

/** The folder of hand-gathered samples; contributed recordings go in folders below it. */
export const RECORDED_ROOT = path.resolve(fileURLToPath(new URL("../recorded/", import.meta.url)));

/** The machine a recording was made on, as `nwh record-wsl` found it. */
export interface RecordingMachine {
  /** From `wsl --version`; "unknown" when it printed no version (an old inbox wsl.exe). */
  wslVersion: string;
  windowsVersion: string;
  /** ISO 8601, UTC. */
  date: string;
  /** The locale wsl.exe localizes its messages by (Windows UI culture), and Node's. */
  locale: string;
  hostOs: string;
  harnessVersion: string;
  /** True when wsl.exe was the project's emulator: then nothing here came from a real WSL. */
  emulated: boolean;
}

/** One manifest entry of a recording: the shared format, plus what `nwh record-wsl` knows about the call. */
export interface RecordedEntry extends RecordedOutput {
  /** The call this stream belongs to (both streams of a call share it). */
  call?: string;
  kind?: RecordedCallKind;
  /** wsl.exe's arguments, without the program. */
  argv?: string[];
  /** WSL_UTF8 as set for the call; null = not set. */
  wslUtf8?: string | null;
  locale?: string;
  durationMs?: number;
  timedOut?: boolean;
  /** More bytes than the capture keeps: the files hold its head and tail only. */
  truncated?: boolean;
  machine?: RecordingMachine;
}

export interface RecordedFolder {
  dir: string;
  entries: RecordedEntry[];
}

/** Every folder holding a manifest.json: the hand-gathered samples and each contributed recording below them. */
export function discoverRecordedFolders(root: string = RECORDED_ROOT): RecordedFolder[] {
  const folders: RecordedFolder[] = [];
  const visit = (dir: string): void => {
    if (existsSync(path.join(dir, "manifest.json"))) folders.push(readRecordedFolder(dir));
    for (const child of readdirSync(dir, { withFileTypes: true })) if (child.isDirectory()) visit(path.join(dir, child.name));
  };
  visit(root);
  return folders;
}

export function readRecordedFolder(dir: string): RecordedFolder {
  const file = path.join(dir, "manifest.json");
  const entries: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(entries)) throw new Error(`${file}: a manifest is a JSON array of entries (file, command, exitCode, encoding, stream, source)`);
  return { dir, entries: entries as RecordedEntry[] };
}

/** A call's streams: entries sharing `call`, or files named NAME.stdout.* / NAME.stderr.*; otherwise one file each. */
export interface RecordedCall {
  key: string;
  entries: RecordedEntry[];
  stdout?: Buffer;
  stderr?: Buffer;
}

export function groupRecordedCalls(folder: RecordedFolder): RecordedCall[] {
  const calls = new Map<string, RecordedCall>();
  for (const entry of folder.entries) {
    const key = entry.call ?? entry.file.replace(/\.(stdout|stderr)\..*$/, "");
    const call = calls.get(key) ?? { key, entries: [] };
    call.entries.push(entry);
    call[entry.stream] = readFileSync(path.join(folder.dir, entry.file));
    calls.set(key, call);
  }
  return [...calls.values()];
}
