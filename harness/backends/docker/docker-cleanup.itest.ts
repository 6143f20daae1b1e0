import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec } from "../../exec/index.ts";
import { importLabelChanges, labelFilterArgs, runLabels } from "../../container/docker-labels.ts";
import { runResources, testRunId, testWorkDir } from "./itest-support.ts";

const nwh = fileURLToPath(new URL("../../../bin/nwh.js", import.meta.url));
const runId = testRunId();
const otherRunId = testRunId();
let workDir: string;

/** A crashed run's leftovers: a labelled image, a container from it (never started) and a network. */
async function leak(run: string): Promise<void> {
  const labels = runLabels(run, "leaked");
  const labelArgs = Object.entries(labels).flatMap(([k, v]) => ["--label", `${k}=${v}`]);
  const rootfs = path.join(workDir, `rootfs-${run}`);
  await exec(["mkdir", "-p", path.join(rootfs, "etc")], { timeoutMs: 10_000, check: true });
  await writeFile(path.join(rootfs, "etc/leaked"), "x\n");
  const tarball = path.join(workDir, `${run}.tar`);
  await exec(["tar", "-C", rootfs, "-cf", tarball, "."], { timeoutMs: 30_000, check: true });
  const image = `nwh-distro/${run}:leak`;
  await exec(["docker", "import", ...importLabelChanges(runLabels(run)), tarball, image], { timeoutMs: 60_000, check: true });
  await exec(["docker", "create", ...labelArgs, "--name", `nwh-${run}-leaked`, image, "/sbin/init"], { timeoutMs: 60_000, check: true });
  await exec(["docker", "network", "create", ...labelArgs.slice(0, 4), `nwh-${run}`], { timeoutMs: 60_000, check: true });
}

function cleanup(...args: string[]) {
  return exec([process.execPath, nwh, "cleanup", "--backend", "docker", ...args], { timeoutMs: 120_000 });
}

beforeAll(async () => {
  workDir = await testWorkDir();
  await leak(runId);
  await leak(otherRunId);
});

afterAll(async () => {
  // Whatever a failed assertion left: removed directly, not through the code under test.
  for (const run of [runId, otherRunId]) {
    const filter = labelFilterArgs({ runId: run });
    await exec(["sh", "-c", 'docker ps -aq "$@" | xargs -r docker rm -f; docker network ls -q "$@" | xargs -r docker network rm; docker images -q "$@" | xargs -r docker rmi -f', "sh", ...filter], { timeoutMs: 120_000 });
    expect(await runResources(run)).toEqual([]);
  }
  await rm(workDir, { recursive: true, force: true });
});

describe("nwh cleanup --backend docker", () => {
  it("lists a run's leftovers with --dry-run and removes nothing", async () => {
    const result = await cleanup("--run-id", runId, "--dry-run");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/3 leftover\(s\)/);
    expect(result.stdout).toMatch(/found\s+container .*nwh-.*-leaked/);
    expect(result.stdout).toMatch(/found\s+network/);
    expect(result.stdout).toMatch(/found\s+image/);
    expect(await runResources(runId)).toHaveLength(3);
  });

  it("removes only that run's leftovers and lists what it removed", async () => {
    const result = await cleanup("--run-id", runId, "--json");
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as { leftovers: Array<{ kind: string; removed: boolean }> };
    expect(report.leftovers.map((l) => [l.kind, l.removed])).toEqual([["container", true], ["network", true], ["image", true]]);
    expect(await runResources(runId)).toEqual([]);
    expect(await runResources(otherRunId)).toHaveLength(3);
  });

  it("says so when nothing is left", async () => {
    const result = await cleanup("--run-id", runId);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/nothing left behind/);
  });

  it("refuses a malformed run id", async () => {
    const result = await cleanup("--run-id", "a b");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--run-id/);
  });
});
