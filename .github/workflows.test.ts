/**
 * The repository's own workflows and the README example, checked as they are: a broken reference, an
 * nwh flag the CLI lacks or a README example out of step with gate.yml fails here.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exec } from "../harness/exec/index.ts";
import { parseWslRequest } from "./scripts/setup-wsl.ts";
import { actionlint } from "./validate/actionlint.ts";
import { checkWorkflow } from "./validate/check-workflow.ts";
import { formatProblem } from "./validate/problem.ts";
import { checkReadmeExample } from "./validate/readme-example.ts";
import { checkCliUsage, REPO_ROOT, readWorkflows, workflowCommandLines } from "./validate/validate-workflows.ts";
import { triggerInputs } from "./validate/workflow-model.ts";

const files = readWorkflows();
const byName = (name: string) => {
  const file = files.find((f) => f.file === `.github/workflows/${name}`);
  if (!file) throw new Error(`.github/workflows/${name} is missing`);
  return file;
};
const list = (problems: { file: string; where: string; message: string }[]) => problems.map(formatProblem).join("\n");

describe("the workflows", () => {
  it("are ci.yml, gate.yml and bench.yml, each parsing", () => {
    expect(files.map((f) => f.file)).toEqual([".github/workflows/bench.yml", ".github/workflows/ci.yml", ".github/workflows/gate.yml"]);
  });

  it.each(files.map((f) => [f.file, f] as const))("%s: needs and references resolve, action inputs exist", (_, file) => {
    expect(list(checkWorkflow(file.workflow, file.file, { repoRoot: REPO_ROOT }))).toBe("");
  });

  it.each(files.map((f) => [f.file, f] as const))("%s: actionlint finds nothing", async (_, file) => {
    expect(list(await actionlint(file.text, file.file))).toBe("");
  });

  it("use only nwh commands and flags the CLI has (nwh <command> --help)", async () => {
    const commands = new Set(files.flatMap((f) => workflowCommandLines(f).map((line) => line.command.join(" "))));
    expect([...commands].sort()).toEqual(["bench", "cleanup", "compare", "doctor", "record-wsl", "report merge", "run", "standin build"]);
    expect(list(await checkCliUsage(files))).toBe("");
  }, 60_000);

  it("upload their reports whatever the outcome", () => {
    for (const file of files) {
      for (const [jobId, job] of Object.entries(file.workflow.jobs ?? {})) {
        for (const step of job.steps ?? []) {
          if (step.uses?.startsWith("actions/upload-artifact@")) expect(String(step.if), `${file.file} jobs.${jobId}: ${step.name}`).toMatch(/always\(\)|!cancelled\(\)/);
        }
      }
    }
  });
});

describe("gate.yml", () => {
  const gate = byName("gate.yml").workflow;
  const callInputs = triggerInputs(gate, "workflow_call") ?? {};

  it("is reusable and manual with the same inputs", () => {
    expect(Object.keys(triggerInputs(gate, "workflow_dispatch") ?? {})).toEqual(Object.keys(callInputs));
    expect(Object.keys(callInputs)).toEqual(expect.arrayContaining(["tarball", "wsl-version", "suites", "shards", "harness-repository", "harness-ref"]));
    expect(callInputs.tarball?.required).toBe(true);
  });

  it("shards on windows-2025 and checks out the harness itself, not the caller", () => {
    const test = gate.jobs?.test;
    expect(test?.["runs-on"]).toBe("windows-2025");
    expect(String(test?.strategy?.matrix && (test.strategy.matrix as { shard: unknown }).shard)).toMatch(/needs\.plan\.outputs\.shards/);
    const checkout = test?.steps?.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(String(checkout?.with?.repository)).toMatch(/inputs\.harness-repository \|\| job\.workflow_repository/);
    expect(String(checkout?.with?.ref)).toMatch(/inputs\.harness-ref \|\| .*job\.workflow_sha/);
  });

  it("records each shard's real wsl.exe outputs with nwh record-wsl and uploads the folder, never failing the gate", () => {
    const steps = gate.jobs?.test?.steps ?? [];
    const record = steps.find((s) => /npx nwh record-wsl\b/.test(s.run ?? ""));
    expect(record, "a step running nwh record-wsl in the test job").toBeDefined();
    expect(record?.run).toMatch(/--tarball "\$TARBALL"/);
    expect(record?.run).toMatch(/--out "\$NWH_WSL_RECORDING_DIR"/);
    expect(String(record?.if)).toMatch(/always\(\)/);
    expect(record?.["continue-on-error"]).toBe(true);
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@") && String(s.with?.path).includes("NWH_WSL_RECORDING_DIR"));
    expect(upload, "an upload of the recording folder").toBeDefined();
    expect(String(upload?.with?.name)).toMatch(/matrix\.shard/);
    expect(steps.indexOf(upload as (typeof steps)[number])).toBeGreaterThan(steps.indexOf(record as (typeof steps)[number]));
  });

  it("matches the README example (every input, outputs that exist)", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    expect(list(checkReadmeExample(readme, gate))).toBe("");
  });

  describe("plan step (run with bash)", () => {
    const script = gate.jobs?.plan?.steps?.find((s) => s.id === "shards")?.run ?? "";
    const runPlan = async (shards: string, wslRequest: string, retries = "1") => {
      const output = path.join(mkdtempSync(path.join(os.tmpdir(), "nwh-plan-")), "output");
      const result = await exec(["bash", "-eo", "pipefail", "-c", script], { env: { SHARD_COUNT: shards, WSL_REQUEST: wslRequest, RETRIES: retries, GITHUB_OUTPUT: output }, timeoutMs: 10_000 });
      return { exitCode: result.exitCode, stdout: result.stdout, output: result.exitCode === 0 ? readFileSync(output, "utf8") : "" };
    };

    it("lists the shards as a JSON array", async () => {
      expect((await runPlan("3", "latest")).output).toBe("shards=[1,2,3]\n");
      expect(JSON.parse((await runPlan("1", "latest")).output.replace("shards=", ""))).toEqual([1]);
    });

    it.each([["0"], ["17"], ["two"], [""]])("rejects %j shards, naming the input", async (shards) => {
      const result = await runPlan(shards, "latest");
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/::error title=gate::input shards must be an integer from 1 to 16/);
    });

    it.each([["6"], ["-1"], ["one"], [""]])("rejects %j retries, naming the input", async (retries) => {
      const result = await runPlan("2", "latest", retries);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toMatch(/::error title=gate::input retries must be an integer from 0 to 5/);
    });

    it.each([["latest"], ["pre-release"], ["preinstalled"], ["2.6.1"], ["2.6.1.0"], ["2.6"], ["v2.6.1"], ["newest"], ["2.6.1.1"], [""]])("judges wsl-version %j as setup-wsl.ts does", async (request) => {
      const valid = (() => {
        try {
          parseWslRequest(request);
          return true;
        } catch {
          return false;
        }
      })();
      const result = await runPlan("2", request);
      expect(result.exitCode === 0, result.stdout).toBe(valid);
    });
  });
});

describe("bench.yml", () => {
  const bench = byName("bench.yml").workflow;
  it("defaults to WSL versions that setup-wsl.ts accepts", () => {
    for (const trigger of ["workflow_call", "workflow_dispatch"] as const) {
      const versions = JSON.parse(String(triggerInputs(bench, trigger)?.["wsl-versions"]?.default)) as string[];
      expect(versions.length).toBeGreaterThan(1);
      for (const version of versions) expect(() => parseWslRequest(version)).not.toThrow();
    }
  });
});
