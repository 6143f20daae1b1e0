/**
 * Validates .github/workflows/*.yml and the README's gate.yml example:
 *
 *   node .github/validate/validate-workflows.ts
 *
 * YAML syntax, actionlint, job needs, context references, action inputs, nwh command lines against the
 * real CLI's --help, the README example against gate.yml's inputs. Exit 1 listing the problems.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { actionlint } from "./actionlint.ts";
import { checkWorkflow } from "./check-workflow.ts";
import { checkCommandLine, cliHelpReader } from "./cli-flags.ts";
import { nwhCommandLines } from "./nwh-command-lines.ts";
import { formatProblem, type Problem } from "./problem.ts";
import { checkReadmeExample } from "./readme-example.ts";
import { parseWorkflow, stepLabel, type Workflow } from "./workflow-model.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface WorkflowFile {
  /** Relative to the repository root. */
  file: string;
  text: string;
  workflow: Workflow;
}

export function readWorkflows(repoRoot = REPO_ROOT): WorkflowFile[] {
  const dir = path.join(repoRoot, ".github", "workflows");
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = `.github/workflows/${name}`;
      const text = readFileSync(path.join(repoRoot, file), "utf8");
      return { file, text, workflow: parseWorkflow(text, file) };
    });
}

/** Every nwh command line in the run: steps of a workflow, with where it is. */
export function workflowCommandLines(file: WorkflowFile) {
  return Object.entries(file.workflow.jobs ?? {}).flatMap(([jobId, job]) =>
    (job.steps ?? []).flatMap((step, index) => nwhCommandLines(step.run ?? "").map((line) => ({ ...line, where: `jobs.${jobId}.${stepLabel(step, index)}` }))),
  );
}

export async function checkCliUsage(files: WorkflowFile[], repoRoot = REPO_ROOT): Promise<Problem[]> {
  const readHelp = cliHelpReader(repoRoot);
  const problems: Problem[] = [];
  for (const file of files) {
    for (const line of workflowCommandLines(file)) {
      for (const message of await checkCommandLine(line, readHelp)) problems.push({ file: file.file, where: line.where, message });
    }
  }
  return problems;
}

export async function validateAll(repoRoot = REPO_ROOT): Promise<Problem[]> {
  const files = readWorkflows(repoRoot);
  const problems: Problem[] = [];
  for (const file of files) {
    problems.push(...checkWorkflow(file.workflow, file.file, { repoRoot }));
    problems.push(...(await actionlint(file.text, file.file)));
  }
  problems.push(...(await checkCliUsage(files, repoRoot)));
  const gate = files.find((f) => f.file.endsWith("/gate.yml"));
  if (gate) problems.push(...checkReadmeExample(readFileSync(path.join(repoRoot, "README.md"), "utf8"), gate.workflow));
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const problems = await validateAll();
  for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
  process.stdout.write(problems.length === 0 ? "workflows: no problems\n" : `workflows: ${problems.length} problem(s)\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
