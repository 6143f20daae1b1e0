import { parseDocument } from "yaml";

/** The parts of a GitHub Actions workflow the validator reads; everything else passes through untyped. */
export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: unknown;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  uses?: string;
  with?: Record<string, unknown>;
  strategy?: { matrix?: unknown; [key: string]: unknown };
  outputs?: Record<string, unknown>;
  steps?: Step[];
  [key: string]: unknown;
}

export interface InputSpec {
  type?: string;
  required?: boolean;
  default?: unknown;
  description?: string;
  options?: unknown[];
}

export interface Workflow {
  name?: string;
  on?: unknown;
  jobs?: Record<string, Job>;
  [key: string]: unknown;
}

export class WorkflowSyntaxError extends Error {
  override readonly name = "WorkflowSyntaxError";
}

/** Parses YAML text strictly (duplicate keys and syntax errors throw, naming file and line). */
export function parseWorkflow(text: string, file: string): Workflow {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) throw new WorkflowSyntaxError(`${file}: ${doc.errors.map((e) => e.message).join("\n")}`);
  const value = doc.toJS() as unknown;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new WorkflowSyntaxError(`${file}: a workflow is a YAML mapping, got ${Array.isArray(value) ? "a list" : typeof value}`);
  return value as Workflow;
}

/** The `on:` triggers as a mapping (`on: push` and `on: [push, pull_request]` normalized). */
export function triggers(workflow: Workflow): Record<string, Record<string, unknown> | null> {
  const on = workflow.on;
  if (typeof on === "string") return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((name) => [String(name), null]));
  if (on && typeof on === "object") return on as Record<string, Record<string, unknown> | null>;
  return {};
}

export function triggerInputs(workflow: Workflow, trigger: "workflow_call" | "workflow_dispatch"): Record<string, InputSpec> | undefined {
  const spec = triggers(workflow)[trigger];
  if (spec === undefined) return undefined;
  return (spec?.inputs as Record<string, InputSpec> | undefined) ?? {};
}

export function needsOf(job: Job): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs.map(String) : [String(job.needs)];
}

export function stepLabel(step: Step, index: number): string {
  const name = step.name ?? step.id ?? step.uses ?? step.run?.split("\n")[0];
  return `steps[${index}]${name ? ` (${name})` : ""}`;
}
