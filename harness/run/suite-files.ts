import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../model/usage-error.ts";

export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SUITES_DIR = path.join(PACKAGE_ROOT, "suites");

/** Suite names: the files suites/<name>.suite.ts. */
export function listSuites(): string[] {
  return readdirSync(SUITES_DIR)
    .filter((f) => f.endsWith(".suite.ts"))
    .map((f) => f.slice(0, -".suite.ts".length))
    .sort();
}

/** The files for the chosen suite names (all when none are named); an unknown name is a usage error. */
export function suiteFiles(names: readonly string[]): string[] {
  const known = listSuites();
  for (const name of names) {
    if (!known.includes(name)) throw new UsageError(`unknown suite "${name}"; suites: ${known.join(", ")}`);
  }
  return (names.length > 0 ? names : known).map((name) => path.join(SUITES_DIR, `${name}.suite.ts`));
}
