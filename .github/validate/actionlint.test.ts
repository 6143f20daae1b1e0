// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell and GitHub Actions expressions, not templates
import { describe, expect, it } from "vitest";
import { actionlint } from "./actionlint.ts";

const WORKFLOW = `on: push
jobs:
  test:
    runs-on: windows-2025
    steps:
      - uses: actions/checkout@v7
        with:
          repository: \${{ job.workflow_repository }}
          ref: \${{ job.workflow_sha }}
      - run: echo hi
`;

describe("actionlint (wasm)", () => {
  it("passes a valid workflow and ignores only the job.workflow_* contexts it predates", async () => {
    expect(await actionlint(WORKFLOW, "ok.yml")).toEqual([]);
  });

  it("reports what is broken, with a line", async () => {
    const broken = WORKFLOW.replace("runs-on: windows-2025", "runs-on: windows-2025\n    needs: build").replace("echo hi", "echo ${{ github.nope.x }} ${{ job.status.what }}");
    const messages = (await actionlint(broken, "broken.yml")).map((p) => `${p.where}: ${p.message}`).join("\n");
    expect(messages).toMatch(/line 3:3: job "test" needs job "build" which does not exist/);
    expect(messages).toMatch(/property "nope" is not defined/);
  });
});
