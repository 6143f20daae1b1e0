import { ACTION_CATALOG } from "./action-catalog.ts";
import { expressionsOfField, type Reference, referencesIn, stringsIn } from "./expressions.ts";
import type { Problem } from "./problem.ts";
import { missingScripts, stepOutputs } from "./step-outputs.ts";
import { type InputSpec, type Job, needsOf, type Step, stepLabel, triggerInputs, triggers, type Workflow } from "./workflow-model.ts";

export interface CheckOptions {
  /** Where `node <script>` paths of run steps are resolved. */
  repoRoot: string;
}

/** What an expression at one place in the workflow may reference. */
interface Scope {
  where: string;
  job?: { id: string; job: Job };
  /** Step ids visible here with their outputs (undefined: unknown outputs). */
  steps?: Map<string, Set<string> | undefined>;
  matrix: boolean;
  jobsContext: boolean;
}

/**
 * Structural checks GitHub only reports when a run starts (or never: an unknown output is just empty):
 * job `needs`, and `inputs.*`, `needs.*.outputs.*`, `matrix.*`, `steps.*.outputs.*`, `jobs.*.outputs.*`
 * references; workflow_call outputs; `with:` keys of known actions; scripts that run steps call.
 */
export function checkWorkflow(workflow: Workflow, file: string, options: CheckOptions): Problem[] {
  const problems: Problem[] = [];
  const report = (where: string, message: string) => problems.push({ file, where, message });
  const jobs = workflow.jobs ?? {};
  if (!workflow.on) report("on", "the workflow has no triggers (on:)");
  if (Object.keys(jobs).length === 0) report("jobs", "the workflow has no jobs");

  const inputSets = (["workflow_call", "workflow_dispatch"] as const).map((t) => ({ trigger: t, inputs: triggerInputs(workflow, t) })).filter((s) => s.inputs !== undefined) as { trigger: string; inputs: Record<string, InputSpec> }[];
  for (const { trigger, inputs } of inputSets) checkInputSpecs(inputs, `on.${trigger}.inputs`, report);

  checkNeedsGraph(jobs, report);

  const checkReferences = (value: unknown, scope: Scope, isCondition = false) => {
    for (const { path, text, key } of stringsIn(value, scope.where)) {
      for (const expression of expressionsOfField(text, isCondition || key === "if")) {
        for (const reference of referencesIn(expression)) {
          const message = resolve(reference, scope, jobs, inputSets);
          if (message) report(path, message);
        }
      }
    }
  };

  const callOutputs = (triggers(workflow).workflow_call?.outputs ?? {}) as Record<string, { value?: unknown }>;
  for (const [name, output] of Object.entries(callOutputs)) {
    const where = `on.workflow_call.outputs.${name}`;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression in a message, not a template
    if (typeof output?.value !== "string") report(where, "a workflow_call output needs a value: ${{ jobs.<job>.outputs.<name> }}");
    checkReferences(output?.value, { where: `${where}.value`, matrix: false, jobsContext: true });
  }

  for (const [id, job] of Object.entries(jobs)) {
    const where = `jobs.${id}`;
    const hasMatrix = job.strategy?.matrix !== undefined;
    const { steps: _steps, outputs, if: condition, strategy, ...rest } = job;
    checkReferences(condition, { where: `${where}.if`, job: { id, job }, matrix: false, jobsContext: false }, true);
    checkReferences(strategy, { where: `${where}.strategy`, job: { id, job }, matrix: false, jobsContext: false });
    checkReferences(rest, { where, job: { id, job }, matrix: hasMatrix, jobsContext: false });

    const steps = job.steps ?? [];
    const ids = new Map<string, Set<string> | undefined>();
    for (const step of steps) if (step.id) ids.set(step.id, stepOutputs(step, options.repoRoot));
    checkReferences(outputs, { where: `${where}.outputs`, job: { id, job }, steps: ids, matrix: hasMatrix, jobsContext: false });

    const seen = new Map<string, Set<string> | undefined>();
    const seenIds = new Set<string>();
    steps.forEach((step, index) => {
      const stepWhere = `${where}.${stepLabel(step, index)}`;
      checkStep(step, stepWhere, options, report);
      if (step.id) {
        if (seenIds.has(step.id)) report(stepWhere, `step id "${step.id}" is used twice in job ${id}`);
        seenIds.add(step.id);
      }
      const { if: stepCondition, ...stepRest } = step;
      const scope: Scope = { where: stepWhere, job: { id, job }, steps: seen, matrix: hasMatrix, jobsContext: false };
      checkReferences(stepCondition, { ...scope, where: `${stepWhere}.if` }, true);
      checkReferences(stepRest, scope);
      if (step.id) seen.set(step.id, ids.get(step.id));
    });
  }
  return problems;
}

function resolve(reference: Reference, scope: Scope, jobs: Record<string, Job>, inputSets: { trigger: string; inputs: Record<string, InputSpec> }[]): string | undefined {
  switch (reference.kind) {
    case "inputs": {
      if (inputSets.length === 0) return `${reference.text}: this workflow has no inputs (no workflow_call or workflow_dispatch inputs)`;
      // Declared under one trigger is enough: under the other it evaluates to empty, which may be meant.
      const declared = inputSets.some((s) => reference.name in s.inputs);
      return declared ? undefined : `${reference.text}: input "${reference.name}" is not declared (under ${inputSets.map((s) => s.trigger).join(" or ")})`;
    }
    case "needs": {
      if (!scope.job) return `${reference.text}: the needs context exists only inside a job`;
      const direct = needsOf(scope.job.job);
      if (!direct.includes(reference.job)) return `${reference.text}: job ${scope.job.id} does not list "${reference.job}" in its needs (${direct.join(", ") || "none"})`;
      const outputs = Object.keys(jobs[reference.job]?.outputs ?? {});
      if (reference.output && !outputs.includes(reference.output)) return `${reference.text}: job ${reference.job} has no output "${reference.output}" (it has: ${outputs.join(", ") || "none"})`;
      return undefined;
    }
    case "matrix": {
      if (!scope.matrix || !scope.job) return `${reference.text}: no matrix here (only in a job with strategy.matrix, outside its if: and strategy:)`;
      const keys = matrixKeys(scope.job.job.strategy?.matrix);
      if (keys && !keys.has(reference.key)) return `${reference.text}: the matrix of job ${scope.job.id} has no key "${reference.key}" (it has: ${[...keys].join(", ")})`;
      return undefined;
    }
    case "steps": {
      if (!scope.steps) return `${reference.text}: the steps context exists only in a job's steps and outputs`;
      if (!scope.steps.has(reference.step)) return `${reference.text}: no earlier step with id "${reference.step}" in job ${scope.job?.id}`;
      const outputs = scope.steps.get(reference.step);
      if (reference.output && outputs && !outputs.has(reference.output)) return `${reference.text}: step ${reference.step} sets no output "${reference.output}" (it sets: ${[...outputs].join(", ") || "none"})`;
      return undefined;
    }
    case "jobs": {
      if (!scope.jobsContext) return `${reference.text}: the jobs context exists only in workflow_call outputs`;
      const job = jobs[reference.job];
      if (!job) return `${reference.text}: there is no job "${reference.job}"`;
      const outputs = Object.keys(job.outputs ?? {});
      return outputs.includes(reference.output) ? undefined : `${reference.text}: job ${reference.job} has no output "${reference.output}" (it has: ${outputs.join(", ") || "none"})`;
    }
  }
}

/** Keys of a literal matrix; undefined when the whole matrix is an expression. */
function matrixKeys(matrix: unknown): Set<string> | undefined {
  if (!matrix || typeof matrix !== "object" || Array.isArray(matrix)) return undefined;
  const keys = new Set(Object.keys(matrix).filter((k) => k !== "include" && k !== "exclude"));
  const include = (matrix as { include?: unknown }).include;
  if (Array.isArray(include)) for (const entry of include) for (const key of Object.keys(entry ?? {})) keys.add(key);
  return keys;
}

function checkNeedsGraph(jobs: Record<string, Job>, report: (where: string, message: string) => void): void {
  for (const [id, job] of Object.entries(jobs)) {
    for (const need of needsOf(job)) {
      if (need === id) report(`jobs.${id}.needs`, `job ${id} needs itself`);
      else if (!(need in jobs)) report(`jobs.${id}.needs`, `job ${id} needs "${need}", which is not a job here (jobs: ${Object.keys(jobs).join(", ")})`);
    }
  }
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") {
      report(`jobs.${id}.needs`, `needs form a cycle: ${[...trail, id].join(" -> ")}`);
      return;
    }
    state.set(id, "visiting");
    for (const need of needsOf(jobs[id] ?? {})) if (need in jobs && need !== id) visit(need, [...trail, id]);
    state.set(id, "done");
  };
  for (const id of Object.keys(jobs)) visit(id, []);
}

function checkInputSpecs(inputs: Record<string, InputSpec>, where: string, report: (where: string, message: string) => void): void {
  for (const [name, spec] of Object.entries(inputs)) {
    const type = spec?.type;
    if (!type) report(`${where}.${name}`, "input has no type (string, number, boolean, or choice/environment for workflow_dispatch)");
    const expected = type === "number" ? "number" : type === "boolean" ? "boolean" : "string";
    if (spec?.default !== undefined && typeof spec.default !== expected) report(`${where}.${name}`, `default ${JSON.stringify(spec.default)} is not a ${type}`);
    if (spec?.required === true && spec.default !== undefined) report(`${where}.${name}`, "a required input with a default: drop one of them");
  }
}

function checkStep(step: Step, where: string, options: CheckOptions, report: (where: string, message: string) => void): void {
  if (step.uses && step.run) report(where, "a step has either uses: or run:, not both");
  if (!step.uses && !step.run) report(where, "a step needs uses: or run:");
  for (const script of missingScripts(step, options.repoRoot)) report(where, `runs ${script}, which does not exist`);
  if (!step.uses || step.uses.startsWith("./") || step.uses.startsWith("docker://")) return;
  const spec = ACTION_CATALOG[step.uses];
  if (!spec) {
    report(where, `${step.uses} is not in .github/validate/action-catalog.ts; add its inputs and outputs (from its action.yml) there`);
    return;
  }
  const given = Object.keys(step.with ?? {});
  for (const key of given) if (!spec.inputs.includes(key)) report(where, `${step.uses} has no input "${key}" (inputs: ${spec.inputs.join(", ")})`);
  for (const key of spec.required) if (!given.includes(key)) report(where, `${step.uses} needs input "${key}"`);
}
