import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../model/usage-error.ts";
import { EXCLUSIVE_SUITE_SUFFIX, suiteNameOf } from "../model/suite-phase.ts";

export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SUITES_DIR = path.join(PACKAGE_ROOT, "suites");
/** Small suites for the harness's own tests (retries, quarantine, watchdog); run with `--suite <file>`. */
export const FIXTURE_SUITES_DIR = path.join(PACKAGE_ROOT, "fixtures", "suites");

/** Suite names: the files suites/<name>.suite.ts and suites/<name>.exclusive.suite.ts (harness/model/suite-phase.ts). */
export function listSuites(): string[] {
  const names = readdirSync(SUITES_DIR)
    .filter((f) => f.endsWith(".suite.ts"))
    .map(suiteNameOf);
  return [...new Set(names)].sort();
}

/**
 * The files for the chosen suite names (all when none are named): a suite's parallel file and its exclusive one, those
 * it has; an unknown name is a usage error. A name ending in `.suite.ts` is a file, under suites/ or fixtures/suites/
 * (the suites projects run only those).
 */
export function suiteFiles(names: readonly string[]): string[] {
  const known = listSuites();
  const chosen = names.length === 0 ? known : names;
  return chosen.flatMap((name) => {
    if (name.endsWith(".suite.ts")) return [suiteFile(name)];
    if (!known.includes(name)) throw new UsageError(`unknown suite "${name}"; suites: ${known.join(", ")}`);
    return [`${name}.suite.ts`, `${name}${EXCLUSIVE_SUITE_SUFFIX}`].map((file) => path.join(SUITES_DIR, file)).filter((file) => existsSync(file));
  });
}

function suiteFile(name: string): string {
  const file = path.resolve(name);
  if (!existsSync(file)) throw new UsageError(`suite file not found: ${file}`);
  const inside = [SUITES_DIR, FIXTURE_SUITES_DIR].some((dir) => !path.relative(dir, file).startsWith(".."));
  if (!inside) throw new UsageError(`suite file ${file} is outside ${SUITES_DIR} and ${FIXTURE_SUITES_DIR}; put it there to run it`);
  return file;
}
