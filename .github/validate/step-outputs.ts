import { readFileSync } from "node:fs";
import path from "node:path";
import { ACTION_CATALOG } from "./action-catalog.ts";
import type { Step } from "./workflow-model.ts";

/**
 * The outputs a step sets, or undefined when they cannot be known (an action outside the catalog).
 * A `run:` step sets what it writes to $GITHUB_OUTPUT (`name=value`), plus the `setOutput("name", ...)`
 * calls of the repository scripts it runs with node.
 */
export function stepOutputs(step: Step, repoRoot: string): Set<string> | undefined {
  if (step.uses) return step.uses in ACTION_CATALOG ? new Set(ACTION_CATALOG[step.uses]?.outputs) : undefined;
  const outputs = new Set<string>();
  const script = step.run ?? "";
  for (const line of script.split("\n")) {
    if (!line.includes("GITHUB_OUTPUT")) continue;
    const name = /([A-Za-z_][\w-]*)=/.exec(line)?.[1];
    if (name) outputs.add(name);
  }
  for (const match of script.matchAll(/\bnode\s+(?:--\S+\s+)*["']?([\w./-]+\.(?:ts|mjs|js))/g)) {
    for (const name of scriptOutputs(path.join(repoRoot, match[1] ?? ""))) outputs.add(name);
  }
  return outputs;
}

function scriptOutputs(file: string): string[] {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return [...source.matchAll(/\bsetOutput\(\s*"([\w-]+)"/g)].map((m) => m[1] ?? "");
}

/** Repository scripts a step runs with node that do not exist. */
export function missingScripts(step: Step, repoRoot: string): string[] {
  const script = step.run ?? "";
  const missing: string[] = [];
  for (const match of script.matchAll(/\bnode\s+(?:--\S+\s+)*["']?((?:\.\/)?(?:\.github|bin|harness|fixtures)\/[\w./-]+\.(?:ts|mjs|js))/g)) {
    const relative = match[1] ?? "";
    try {
      readFileSync(path.join(repoRoot, relative));
    } catch {
      missing.push(relative);
    }
  }
  return missing;
}
