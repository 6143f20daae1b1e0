import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Names the harness gives distros: `nwh-<suite>-<random>`. Only such names are ever swept. */
export const HARNESS_DISTRO_NAME = /^nwh-[a-z0-9][a-z0-9-]*-[a-z0-9]{4,}$/i;

export function isHarnessDistroName(name: string): boolean {
  return HARNESS_DISTRO_NAME.test(name);
}

/** `nwh-<suite>-<6 random chars>`, e.g. for the suite fixture. */
export function harnessDistroName(suite: string): string {
  const slug = suite.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "suite";
  return `nwh-${slug}-${randomBytes(4).readUInt32BE(0).toString(36).padStart(6, "0").slice(-6)}`;
}

/** What the harness knows about a distro it created: written before the import, removed after the unregister. */
export interface DistroRecord {
  name: string;
  runId: string;
  /** Install location (removed with the distro). */
  location: string;
  wslExe: string;
  pid: number;
  hostname: string;
  createdAt: string;
  /** "template": the run's VHD template, which every suite file's distro is a copy of (removed at the run's end). */
  role?: "template";
}

/** Marker file in the install location, so a location directory says which run made it. */
export const LOCATION_MARKER = "nwh-distro.json";

export function defaultLedgerDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NWH_WSL_LEDGER_DIR || path.join(os.homedir(), ".cache", "nixos-wsl-harness", "wsl-distros");
}

/**
 * One JSON file per harness-made distro, outside the install location: the sweeper reads it to know a leftover's
 * run id and location (WSL itself keeps the location only in the Windows registry).
 */
export class DistroLedger {
  readonly dir: string;
  constructor(dir: string = defaultLedgerDir()) {
    this.dir = dir;
  }

  write(record: DistroRecord): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.#file(record.name), `${JSON.stringify(record, null, 2)}\n`);
    mkdirSync(record.location, { recursive: true });
    writeFileSync(path.join(record.location, LOCATION_MARKER), `${JSON.stringify(record, null, 2)}\n`);
  }

  read(name: string): DistroRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.#file(name), "utf8")) as DistroRecord;
    } catch {
      return undefined;
    }
  }

  remove(name: string): void {
    rmSync(this.#file(name), { force: true });
  }

  list(): DistroRecord[] {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith(".json"));
    } catch {
      return [];
    }
    return files.map((f) => this.read(f.slice(0, -".json".length))).filter((r): r is DistroRecord => r !== undefined);
  }

  #file(name: string): string {
    // WSL matches names case-insensitively.
    return path.join(this.dir, `${name.toLowerCase()}.json`);
  }
}

/** True while the process that made a record still runs on this host (its distro is in use, not a leftover). */
export function recordOwnerAlive(record: DistroRecord): boolean {
  if (record.hostname !== os.hostname()) return false;
  try {
    process.kill(record.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
