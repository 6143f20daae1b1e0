import { DURATION_ACCEPTS, parseDuration } from "./duration.ts";
import { isWslImportMode, WSL_IMPORT_MODES, type WslImportMode } from "../model/wsl-import-mode.ts";
import { type BackendKind, DECLARED_CAPABILITIES, type DeclaredCapability, isDeclaredCapability } from "../model/capabilities.ts";

/** The options `nwh.config.ts` may set; flags override them. */
export interface NwhConfig {
  /** wsl on Windows, docker elsewhere when not set. */
  backend?: BackendKind;
  /** Path to nixos.wsl / a rootfs .tar.gz; default: the Linux stand-in (built and cached on first use). */
  tarball?: string;
  /** Suite names to run (file names under suites/ without .suite.ts); default all. */
  suites?: string[];
  /** Only tests whose name matches this pattern. */
  testNamePattern?: string;
  /** Suite files run in parallel, each on its own distro. */
  concurrency?: number;
  /** Leave distros behind for debugging. */
  keep?: boolean;
  /** Leave only the distros of suite files that had a failure. */
  keepFailed?: boolean;
  /** Where reports are written; default ./reports. */
  reportsDir?: string;
  /** JUnit dialect (like --junit-dialect): "default", or "jenkins" for Jenkins xunit's junit-10.xsd (no testcase file/line). */
  junitDialect?: "default" | "jenkins";
  /** Path to wsl.exe (or the emulator). */
  wslExe?: string;
  /** WSL: how each suite file's distro is made (like --wsl-import): "vhd-copy", "vhd-in-place" or "tar". */
  wslImport?: WslImportMode;
  /** Run against this already-registered distro instead of importing one. */
  distro?: string;
  /** With `distro`: allow scenarios that change the system. */
  allowDestructive?: boolean;
  /** Capabilities the machine has that no backend probes (like --capability): "internet". */
  capabilities?: DeclaredCapability[];
  timeouts?: {
    /** Default for one process call. */
    execMs?: number;
    /** Import plus first boot. */
    bootMs?: number;
    /** Default for waitUntil-style waits in suites. */
    waitMs?: number;
  };
  bench?: {
    repetitions?: number;
    warmup?: number;
  };
  /** Directory for caches (stand-in tarball); default ~/.cache/nixos-wsl-harness. */
  cacheDir?: string;
  /** Like --retries: a failed test runs again up to this many times; passing on a retry makes it flaky. */
  retries?: number;
  /** Like --fail-on-flaky: a flaky test fails the run. */
  failOnFlaky?: boolean;
  /** Like --timeout: the whole run's limit ("90m", "2h"); on expiry it stops, cleans up and exits 124. */
  timeout?: string;
  /** Tests that still run and are reported but do not fail the run, each until its expiry date. */
  quarantine?: QuarantineEntry[];
}

/** One quarantined test. */
export interface QuarantineEntry {
  /** `<suite> > <test name>` as the summary lists it, e.g. "systemd > boots to multi-user.target". */
  test: string;
  /** Why, an issue URL. */
  reason: string;
  /** YYYY-MM-DD, the last day it holds; after it the entry fails the run. */
  expires: string;
}

export function defineConfig(config: NwhConfig): NwhConfig {
  return config;
}

type Check = { accepts: string; ok: (value: unknown) => boolean };

const string: Check = { accepts: "a string", ok: (v) => typeof v === "string" && v.length > 0 };
const boolean: Check = { accepts: "true or false", ok: (v) => typeof v === "boolean" };
const positiveInt: Check = { accepts: "a positive integer", ok: (v) => Number.isInteger(v) && (v as number) > 0 };
const nonNegativeInt: Check = { accepts: "an integer >= 0", ok: (v) => Number.isInteger(v) && (v as number) >= 0 };
const stringList: Check = { accepts: "a list of strings", ok: (v) => Array.isArray(v) && v.every((s) => typeof s === "string" && s.length > 0) };
const declaredCapabilities: Check = {
  accepts: `a list of ${DECLARED_CAPABILITIES.map((c) => `"${c}"`).join(", ")}`,
  ok: (v) => Array.isArray(v) && v.every(isDeclaredCapability),
};
const duration: Check = { accepts: DURATION_ACCEPTS, ok: (v) => typeof v === "string" && parseDuration(v) !== undefined };
const quarantine: Check = {
  accepts: 'a list of { test: "<suite> > <test name>", reason: "<issue URL>", expires: "YYYY-MM-DD" }',
  ok: (v) => Array.isArray(v) && v.every(isQuarantineEntry),
};

function isQuarantineEntry(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  const { test, reason, expires, ...rest } = v as Record<string, unknown>;
  const isDate = typeof expires === "string" && /^\d{4}-\d{2}-\d{2}$/.test(expires) && !Number.isNaN(Date.parse(expires));
  return typeof test === "string" && test.includes(" > ") && typeof reason === "string" && reason.length > 0 && isDate && Object.keys(rest).length === 0;
}
// Which names are registered is the backend registry's to say (the CLI checks it); here only the shape.
const backend: Check = { accepts: 'a backend name such as "wsl" or "docker"', ok: (v) => typeof v === "string" && /^[a-z][a-z0-9-]*$/.test(v) };
const junitDialect: Check = { accepts: '"default" or "jenkins"', ok: (v) => v === "default" || v === "jenkins" };

const wslImport: Check = { accepts: WSL_IMPORT_MODES.map((m) => `"${m}"`).join(" or "), ok: isWslImportMode };

const schema: Record<string, Check | Record<string, Check>> = {
  backend,
  tarball: string,
  suites: stringList,
  testNamePattern: string,
  concurrency: positiveInt,
  keep: boolean,
  keepFailed: boolean,
  reportsDir: string,
  junitDialect,
  wslExe: string,
  wslImport,
  distro: string,
  allowDestructive: boolean,
  capabilities: declaredCapabilities,
  cacheDir: string,
  retries: nonNegativeInt,
  failOnFlaky: boolean,
  timeout: duration,
  quarantine,
  timeouts: { execMs: positiveInt, bootMs: positiveInt, waitMs: positiveInt },
  bench: { repetitions: positiveInt, warmup: nonNegativeInt },
};

/** Throws an Error naming the bad key, its value and what it accepts. */
export function validateConfig(value: unknown, source: string): NwhConfig {
  checkObject(value, schema, source, "");
  return value as NwhConfig;
}

function checkObject(value: unknown, shape: Record<string, Check | Record<string, Check>>, source: string, prefix: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${source}: ${prefix || "the config"} must be an object, got ${describe(value)}`);
  }
  for (const [key, entry] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const check = shape[key];
    if (!check) {
      throw new Error(`${source}: unknown key "${path}"; accepted keys: ${Object.keys(shape).map((k) => (prefix ? `${prefix}.${k}` : k)).join(", ")}`);
    }
    if (entry === undefined) continue;
    if (isCheck(check)) {
      if (!check.ok(entry)) throw new Error(`${source}: "${path}" is ${describe(entry)}; it accepts ${check.accepts}`);
    } else {
      checkObject(entry, check, source, path);
    }
  }
}

function isCheck(value: Check | Record<string, Check>): value is Check {
  return typeof (value as Check).ok === "function";
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? `a list (${JSON.stringify(value)})` : `${typeof value} ${JSON.stringify(value)}`;
}
