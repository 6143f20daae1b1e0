import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec } from "../../exec/index.ts";
import { DockerBackend } from "./docker-backend.ts";
import { labelFilterArgs } from "../../container/docker-labels.ts";
import { runResources, testRunId, testTarball, testWorkDir } from "./itest-support.ts";

const runId = testRunId();
let workDir: string;
let tarball: string;
// Two instances with one run id stand for two vitest workers of one run (the run's own image, not the image cache's).
let workerA: DockerBackend;
let workerB: DockerBackend;

async function count(kind: "ps" | "images" | "network"): Promise<number> {
  const argv = kind === "network" ? ["docker", "network", "ls", "-q"] : kind === "ps" ? ["docker", "ps", "-aq"] : ["docker", "images", "-aq"];
  const result = await exec([...argv, ...labelFilterArgs({ runId })], { timeoutMs: 30_000, check: true });
  return new Set(result.stdout.split("\n").filter(Boolean)).size;
}

beforeAll(async () => {
  workDir = await testWorkDir();
  tarball = await testTarball();
  workerA = new DockerBackend({ runId, workDir, imageCache: false });
  workerB = new DockerBackend({ runId, workDir, imageCache: false });
});

afterAll(async () => {
  await Promise.allSettled([workerA?.dispose(), workerB?.dispose()]);
  expect(await runResources(runId)).toEqual([]);
  await rm(workDir, { recursive: true, force: true });
});

describe("one image per run and tarball, shared by the run's distros", () => {
  it("imports the tarball once when two workers import at the same time", async () => {
    await Promise.all([workerA.importDistro({ name: "shared-a", tarball }), workerB.importDistro({ name: "shared-b", tarball })]);
    expect(await count("images")).toBe(1);
    expect(await count("ps")).toBe(2);
    expect(await count("network")).toBe(1);
    expect((await workerB.exec("shared-b", ["true"])).exitCode).toBe(0);
  });

  it("keeps the image while another distro uses it; the last unregister removes it", async () => {
    await workerA.unregister("shared-a");
    expect(await count("ps")).toBe(1);
    expect(await count("images")).toBe(1);
    expect((await workerB.exec("shared-b", ["echo", "still here"])).stdout).toBe("still here\n");
    await workerB.unregister("shared-b");
    await workerB.unregister("shared-b");
    expect(await count("ps")).toBe(0);
    expect(await count("images")).toBe(0);
  });

  it("shutdown stops every distro of the run, and the next exec starts it again", async () => {
    await workerA.importDistro({ name: "shared-c", tarball });
    await workerB.shutdown();
    const running = await exec(["docker", "ps", "-q", ...labelFilterArgs({ runId })], { timeoutMs: 30_000, check: true });
    expect(running.stdout.trim()).toBe("");
    expect((await workerA.exec("shared-c", ["echo", "up again"])).stdout).toBe("up again\n");
  });

  it("shutdown also stops an adopted distro, which carries no label of the adopting run", async () => {
    const adopting = new DockerBackend({ runId: `${runId}-adopting`, workDir });
    await adopting.adoptDistro("shared-c");
    await adopting.shutdown();
    const running = await exec(["docker", "ps", "-q", ...labelFilterArgs({ runId, distro: "shared-c" })], { timeoutMs: 30_000, check: true });
    expect(running.stdout.trim(), "the adopted distro's container after the adopting run's shutdown").toBe("");
    expect((await adopting.exec("shared-c", ["echo", "up again"])).stdout).toBe("up again\n");
    await adopting.dispose();
    await workerA.dispose();
    await workerB.dispose();
    expect(await runResources(runId)).toEqual([]);
  });
});
