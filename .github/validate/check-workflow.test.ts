import { describe, expect, it } from "vitest";
import { checkWorkflow } from "./check-workflow.ts";
import { parseWorkflow } from "./workflow-model.ts";

const repoRoot = new URL("../..", import.meta.url).pathname;

function problemsOf(yaml: string): string[] {
  return checkWorkflow(parseWorkflow(yaml, "test.yml"), "test.yml", { repoRoot }).map((p) => `${p.where}: ${p.message}`);
}

const GOOD = `
on:
  workflow_call:
    inputs:
      shards: { type: number, default: 2 }
    outputs:
      failed:
        value: \${{ jobs.report.outputs.failed }}
  workflow_dispatch:
    inputs:
      shards: { type: number, default: 2 }
jobs:
  plan:
    runs-on: ubuntu-24.04
    outputs:
      shards: \${{ steps.list.outputs.shards }}
    steps:
      - id: list
        run: echo "shards=[1,2]" >> "$GITHUB_OUTPUT"
  test:
    needs: plan
    runs-on: windows-2025
    strategy:
      matrix:
        shard: \${{ fromJSON(needs.plan.outputs.shards) }}
    steps:
      - id: run
        run: echo "count=\${{ inputs.shards }} \${{ matrix.shard }}" >> "$GITHUB_OUTPUT"
      - if: steps.run.outputs.count != ''
        run: echo done
  report:
    needs: [plan, test]
    runs-on: ubuntu-24.04
    outputs:
      failed: \${{ steps.verdict.outputs.failed }}
    steps:
      - uses: actions/upload-artifact@v7
        with: { name: x, path: reports }
      - id: verdict
        run: node .github/scripts/junit-verdict.ts merged/junit.xml
`;

describe("checkWorkflow", () => {
  it("passes a workflow whose references all resolve", () => {
    expect(problemsOf(GOOD)).toEqual([]);
  });

  it.each([
    ["a needs on a missing job", GOOD.replace("needs: [plan, test]", "needs: [plan, tests]"), /job report needs "tests", which is not a job here/],
    ["an undeclared input", GOOD.replace("inputs.shards }}", "inputs.shard }}"), /inputs\.shard: input "shard" is not declared/],
    ["a needs output the job does not declare", GOOD.replace("needs.plan.outputs.shards", "needs.plan.outputs.matrix"), /job plan has no output "matrix"/],
    ["needs of a job not listed in needs", GOOD.replace("needs: plan\n", "needs: []\n"), /job test does not list "plan" in its needs/],
    ["a matrix key that does not exist", GOOD.replace("matrix.shard }}\" >>", "matrix.index }}\" >>"), /the matrix of job test has no key "index"/],
    ["a step output that is never written", GOOD.replace("steps.run.outputs.count", "steps.run.outputs.total"), /step run sets no output "total" \(it sets: count\)/],
    ["a step referenced before it runs", GOOD.replace("- id: run\n", "- id: later\n").replace("steps.run.outputs.count", "steps.later.outputs.count").replace("      - if: steps.later", "      - if: steps.nope"), /no earlier step with id "nope"/],
    ["a workflow_call output pointing at a missing job output", GOOD.replace("jobs.report.outputs.failed", "jobs.report.outputs.failures"), /job report has no output "failures"/],
    ["a job output from a script that does not set it", GOOD.replace("steps.verdict.outputs.failed", "steps.verdict.outputs.broken"), /step verdict sets no output "broken" \(it sets: total, passed, failed, skipped, flaky\)/],
    ["an unknown input of a catalogued action", GOOD.replace("with: { name: x, path: reports }", "with: { name: x, paths: reports }"), /actions\/upload-artifact@v7 has no input "paths"[\s\S]*|needs input "path"/],
    ["an action outside the catalog", GOOD.replace("actions/upload-artifact@v7", "actions/upload-artifact@v3"), /actions\/upload-artifact@v3 is not in \.github\/validate\/action-catalog\.ts/],
    ["a script that does not exist", GOOD.replace("junit-verdict.ts", "junit-verdicts.ts"), /runs \.github\/scripts\/junit-verdicts\.ts, which does not exist/],
    ["a needs cycle", GOOD.replace("needs: plan\n", "needs: [plan, report]\n"), /needs form a cycle/],
    ["a default of the wrong type", GOOD.replace("shards: { type: number, default: 2 }", 'shards: { type: number, default: "2" }'), /default "2" is not a number/],
  ])("reports %s", (_, yaml, expected) => {
    const problems = problemsOf(yaml);
    expect(problems.join("\n")).toMatch(expected);
  });

  it("reads github.event.inputs and string literals as no reference", () => {
    const yaml = GOOD.replace("if: steps.run.outputs.count != ''", "if: github.event.inputs.zzz != 'inputs.nothing'");
    expect(yaml).not.toBe(GOOD);
    expect(problemsOf(yaml)).toEqual([]);
  });

  it("rejects duplicate keys and bad YAML with the file name", () => {
    expect(() => parseWorkflow("on: push\non: pull_request\n", "dup.yml")).toThrow(/dup\.yml:.*(duplicate|unique)/is);
    expect(() => parseWorkflow("jobs: [\n", "bad.yml")).toThrow(/bad\.yml/);
  });
});
