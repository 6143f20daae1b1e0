import { checkWorkflow } from "./check-workflow.ts";
import type { Problem } from "./problem.ts";
import { needsOf, parseWorkflow, triggerInputs, triggers, type Workflow } from "./workflow-model.ts";

const BEGIN = /<!-- BEGIN github-actions[^>]*-->/;
const END = "<!-- END github-actions -->";

/** The README text between the github-actions markers. */
export function githubActionsSection(readme: string): string {
  const begin = BEGIN.exec(readme);
  const end = readme.indexOf(END);
  if (!begin || end < begin.index) throw new Error(`README.md has no "<!-- BEGIN github-actions ... -->" ... "${END}" section`);
  return readme.slice(begin.index + begin[0].length, end);
}

/** The ```yaml blocks of a Markdown text. */
export function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? "");
}

const GATE_USES = /\/\.github\/workflows\/gate\.yml@\S+$/;

/**
 * Checks the README's example of calling gate.yml: a `jobs:` snippet whose calling job passes exactly
 * gate.yml's workflow_call inputs (all required ones), `needs` a job of the snippet, and whose
 * expressions resolve.
 */
export function checkReadmeExample(readme: string, gate: Workflow, file = "README.md"): Problem[] {
  const problems: Problem[] = [];
  const report = (where: string, message: string) => problems.push({ file, where, message });
  const blocks = yamlBlocks(githubActionsSection(readme)).filter((block) => /gate\.yml@/.test(block));
  if (blocks.length === 0) {
    report("github-actions section", "no ```yaml block that calls .../.github/workflows/gate.yml@<ref>");
    return problems;
  }
  const inputs = triggerInputs(gate, "workflow_call") ?? {};
  blocks.forEach((block, index) => {
    const where = `github-actions section, yaml block ${index + 1}`;
    let snippet: Workflow;
    try {
      snippet = parseWorkflow(block, `${file} (${where})`);
    } catch (error) {
      report(where, (error as Error).message);
      return;
    }
    if (!snippet.jobs) {
      report(where, "the example should be a `jobs:` snippet");
      return;
    }
    const callers = Object.entries(snippet.jobs).filter(([, job]) => typeof job.uses === "string" && GATE_USES.test(job.uses));
    if (callers.length === 0) report(where, "no job uses: <owner>/nixos-wsl-harness/.github/workflows/gate.yml@<ref>");
    for (const [id, job] of callers) {
      const given = Object.keys(job.with ?? {});
      const declared = Object.keys(inputs);
      const unknown = given.filter((key) => !declared.includes(key));
      const absent = declared.filter((key) => !given.includes(key));
      const required = declared.filter((key) => inputs[key]?.required && !given.includes(key));
      if (unknown.length > 0) report(`${where}, jobs.${id}.with`, `gate.yml has no input ${unknown.join(", ")}`);
      if (required.length > 0) report(`${where}, jobs.${id}.with`, `required input ${required.join(", ")} missing`);
      else if (absent.length > 0) report(`${where}, jobs.${id}.with`, `the example should show every input of gate.yml; missing: ${absent.join(", ")}`);
      if (needsOf(job).length === 0) report(`${where}, jobs.${id}`, "the calling job should `needs:` the tarball build job");
    }
    // A job that calls gate.yml has gate.yml's workflow_call outputs.
    const callOutputs = Object.keys(((triggers(gate).workflow_call?.outputs ?? {}) as Record<string, unknown>));
    const jobs = Object.fromEntries(Object.entries(snippet.jobs).map(([id, job]) => [id, callers.some(([callerId]) => callerId === id) ? { ...job, outputs: Object.fromEntries(callOutputs.map((name) => [name, ""])) } : job]));
    const wrapped: Workflow = { on: { push: {} }, jobs };
    for (const problem of checkWorkflow(wrapped, `${file} (${where})`, { repoRoot: "." })) {
      // Steps of the example's build job are sketches; only the calling wiring is checked strictly.
      if (/is not in \.github\/validate\/action-catalog\.ts/.test(problem.message)) continue;
      problems.push(problem);
    }
  });
  return problems;
}
