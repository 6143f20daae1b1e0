import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { cruise } from "dependency-cruiser";
import { afterAll, describe, expect, it } from "vitest";

const rules = createRequire(import.meta.url)("../.dependency-cruiser.cjs") as { forbidden: unknown[]; options: Record<string, unknown> };

/** A throwaway tree laid out like the project, with the given files, cruised with the project's own rules. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), "nwh-layering-"));
  dirs.push(root);
  for (const dir of ["harness", "suites", "fixtures"]) mkdirSync(path.join(root, dir));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const result = await cruise(["harness", "suites", "fixtures"], { ...rules.options, baseDir: root, validate: true, ruleSet: { forbidden: rules.forbidden } } as never);
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the layering check (npm run lint)", () => {
  it("accepts imports that point down", async () => {
    expect(await violations({
      "harness/cli/commands/run.ts": 'import { x } from "../../run/run-suites.ts";\nexport const y = x;\n',
      "harness/run/run-suites.ts": 'import { d } from "../distro/machine.ts";\nexport const x = d;\n',
      "harness/distro/machine.ts": 'import { b } from "../backends/registry.ts";\nexport const d = b;\n',
      "harness/backends/registry.ts": 'import { m } from "../model/usage-error.ts";\nexport const b = m;\n',
      "harness/model/usage-error.ts": "export const m = 1;\n",
    })).toEqual([]);
  }, 60_000);

  it("fails an upward import, a suite importing a backend, a backend importing another, a twin reaching into a backend, and a cycle", async () => {
    const found = await violations({
      "harness/model/run-context.ts": 'import type { r } from "../run/run-id.ts";\nexport const c: typeof r = 1;\n',
      "harness/run/run-id.ts": "export const r = 1;\n",
      "suites/x.suite.ts": 'import { w } from "../harness/backends/wsl/wsl-backend.ts";\nexport const s = w;\n',
      "harness/backends/wsl/wsl-backend.ts": 'import { k } from "../docker/docker-backend.ts";\nexport const w = k;\n',
      "harness/backends/docker/docker-backend.ts": "export const k = 1;\n",
      "fixtures/wsl-emulator/docker.ts": 'import { k } from "../../harness/backends/docker/docker-backend.ts";\nexport const e = k;\n',
      "harness/exec/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
      "harness/exec/b.ts": 'import { a } from "./a.ts";\nexport const b = () => a;\n',
    });
    expect(found).toEqual(expect.arrayContaining([
      "no-upward-from-base: harness/model/run-context.ts -> harness/run/run-id.ts",
      "suites-never-import-a-backend: suites/x.suite.ts -> harness/backends/wsl/wsl-backend.ts",
      "backends-never-import-each-other: harness/backends/wsl/wsl-backend.ts -> harness/backends/docker/docker-backend.ts",
      "twins-use-only-base: fixtures/wsl-emulator/docker.ts -> harness/backends/docker/docker-backend.ts",
      "no-circular: harness/exec/a.ts -> harness/exec/b.ts",
    ]));
  }, 60_000);
});
