/** One thing wrong with a workflow (or the README example), located well enough to find it. */
export interface Problem {
  /** e.g. ".github/workflows/gate.yml" */
  file: string;
  /** e.g. "jobs.test.steps[4] (nwh run)" */
  where: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.where}: ${problem.message}`;
}
