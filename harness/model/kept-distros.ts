import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Leftover } from "./leftover.ts";

/** A distro a suite worker left registered for debugging (`--keep-failed`): written by the worker, read by `nwh run`. */
export interface KeptDistro {
  name: string;
  suite: string;
  /** How to get a shell in it, e.g. `wsl -d NAME`. */
  enter: string;
  /** Why it stayed, e.g. "a test failed". */
  reason: string;
}

function keptDir(workDir: string): string {
  return path.join(workDir, "kept");
}

export function recordKeptDistro(workDir: string, kept: KeptDistro): void {
  mkdirSync(keptDir(workDir), { recursive: true });
  writeFileSync(path.join(keptDir(workDir), `${kept.name}.json`), `${JSON.stringify(kept)}\n`);
}

export function readKeptDistros(workDir: string): KeptDistro[] {
  let files: string[];
  try {
    files = readdirSync(keptDir(workDir)).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(path.join(keptDir(workDir), f), "utf8")) as KeptDistro).sort((a, b) => a.name.localeCompare(b.name));
}

/** The harness's distro names (`nwh-<suite>-<random>`) as they appear in a leftover's id or description. */
const DISTRO_NAME = /\bnwh-[a-z0-9]+(?:-[a-z0-9]+)*-[a-z0-9]{6}\b/gi;

/**
 * Whether the run's final sweep must leave a leftover alone because a kept distro needs it: it names a kept
 * distro, or it names no distro at all (what the run's distros share: a network, an image) while one is kept.
 * A leftover naming only distros that were not kept goes.
 */
export function neededByKept(leftover: Leftover, kept: readonly KeptDistro[]): boolean {
  if (kept.length === 0) return false;
  const text = `${leftover.id} ${leftover.description}`;
  const keptNames = new Set(kept.map((k) => k.name.toLowerCase()));
  if ([...keptNames].some((name) => text.toLowerCase().includes(name))) return true;
  const named = [...text.matchAll(DISTRO_NAME)].map((m) => m[0].toLowerCase());
  return named.length === 0;
}

/** The summary's lines: each kept distro, why, and the way in. */
export function keptDistroLines(kept: readonly KeptDistro[], backend: string): string[] {
  return kept.map((k) => `Kept for debugging (--keep-failed): ${k.name} (suite ${k.suite}: ${k.reason}); enter: ${k.enter}; REPL: nwh shell --backend ${backend} --distro ${k.name}`);
}
