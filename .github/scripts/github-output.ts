import { appendFileSync } from "node:fs";

/**
 * Step outputs and the step summary, through the files GitHub Actions names in GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY. Outside Actions (a local run, a test) the output goes to stderr instead.
 * The workflow validator reads `setOutput("name"` calls in these scripts to learn a step's outputs,
 * so pass the name as a string literal.
 */
export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  if (value.includes("\n")) throw new Error(`step output ${name} must be one line, got ${JSON.stringify(value)}`);
  const file = env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, `${name}=${value}\n`);
  else process.stderr.write(`output ${name}=${value}\n`);
}

export function appendSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}

/** `::error::` workflow command: GitHub shows it as an annotation on the run. */
export function annotateError(title: string, message: string): void {
  process.stdout.write(`::error title=${title}::${message.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A")}\n`);
}
