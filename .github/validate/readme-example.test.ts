import { describe, expect, it } from "vitest";
import { checkReadmeExample, githubActionsSection } from "./readme-example.ts";
import { parseWorkflow } from "./workflow-model.ts";

const GATE = parseWorkflow(
  `
on:
  workflow_call:
    inputs:
      tarball: { type: string, required: true }
      shards: { type: number, default: 2 }
    outputs:
      failed: { value: "\${{ jobs.report.outputs.failed }}" }
jobs:
  report:
    runs-on: ubuntu-24.04
    outputs: { failed: "1" }
    steps: [{ run: "true" }]
`,
  "gate.yml",
);

function readme(snippet: string): string {
  return `# x\n\n<!-- BEGIN github-actions (kept in sync) -->\nText.\n\n\`\`\`yaml\n${snippet}\`\`\`\n<!-- END github-actions -->\n`;
}

const GOOD = `jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - run: make nixos.wsl
  gate:
    needs: build
    uses: someone/nixos-wsl-harness/.github/workflows/gate.yml@main
    with:
      tarball: tarball-x86_64
      shards: 3
  after:
    needs: gate
    runs-on: ubuntu-24.04
    steps:
      - run: echo "\${{ needs.gate.outputs.failed }}"
`;

const messages = (text: string) => checkReadmeExample(text, GATE).map((p) => `${p.where}: ${p.message}`).join("\n");

describe("checkReadmeExample", () => {
  it("passes an example that passes every input and uses declared outputs", () => {
    expect(messages(readme(GOOD))).toBe("");
  });

  it.each([
    ["a missing required input", GOOD.replace("      tarball: tarball-x86_64\n", ""), /required input tarball missing/],
    ["an optional input left out", GOOD.replace("      shards: 3\n", ""), /should show every input of gate\.yml; missing: shards/],
    ["an input gate.yml does not have", GOOD.replace("shards: 3", "shard: 3"), /gate\.yml has no input shard/],
    ["an output gate.yml does not have", GOOD.replace("outputs.failed", "outputs.failures"), /job gate has no output "failures"/],
    ["a caller without needs", GOOD.replace("    needs: build\n", ""), /should `needs:` the tarball build job/],
    ["a needs on a missing job", GOOD.replace("needs: build", "needs: tarball"), /needs "tarball", which is not a job here/],
    ["no job calling gate.yml", GOOD.replace("gate.yml@main", "gate.yaml@main").replace("jobs:", "# gate.yml@main\njobs:"), /no job uses: <owner>\/nixos-wsl-harness/],
  ])("reports %s", (_, snippet, expected) => {
    expect(snippet).not.toBe(GOOD);
    expect(messages(readme(snippet))).toMatch(expected);
  });

  it("needs the marked section", () => {
    expect(() => githubActionsSection("# no markers")).toThrow(/BEGIN github-actions/);
    expect(messages(readme("jobs: {}\n"))).toMatch(/no ```yaml block that calls/);
  });
});
