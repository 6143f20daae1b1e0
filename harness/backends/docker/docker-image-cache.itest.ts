import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exec } from "../../exec/index.ts";
import { Transcript, formatTranscript } from "../../exec/transcript.ts";
import { LABEL_IMAGE_CACHE } from "../../container/image-cache.ts";
import { tarballSha256 } from "../../model/tarball-digest.ts";
import { DockerBackend } from "./docker-backend.ts";
import { DockerSweeper } from "./docker-sweeper.ts";
import { distroImage, ensureDistroImage } from "./image-store.ts";
import { runResources, testRunId, testTarball, testWorkDir, tinyRootfsTarballs } from "./itest-support.ts";

// NWH_IMAGE_CACHE: a tarball's image outlives the run and the next run's distro starts from it.
let workDir: string;
const made: string[] = [];

async function imageExists(tag: string): Promise<boolean> {
  return (await exec(["docker", "image", "inspect", tag], { timeoutMs: 30_000 })).exitCode === 0;
}

beforeAll(async () => {
  workDir = await testWorkDir();
});

afterAll(async () => {
  for (const tag of made) await exec(["docker", "rmi", tag], { timeoutMs: 60_000 });
  await rm(workDir, { recursive: true, force: true });
});

describe("the image cache", () => {
  it("imports a tarball once for every run: the second run finds the first one's image, and no run's cleanup removes it", async () => {
    const { passesCheck } = await tinyRootfsTarballs(path.join(workDir, "tiny"));
    const sha = await tarballSha256(passesCheck);
    const image = distroImage("ignored", sha, true);
    made.push(image.tag);
    const [first, second] = [testRunId(), testRunId()];
    const results = await Promise.all([first, second].map((runId) => ensureDistroImage({ runId, image, tarball: passesCheck, tarballSha256: sha, timeoutMs: 120_000 })));
    expect(results.map((r) => r.imported).sort()).toEqual([false, true]);
    expect(await runResources(first)).toEqual([]);
    expect(await runResources(second)).toEqual([]);
    const labels = (await exec(["docker", "image", "inspect", "--format", "{{json .Config.Labels}}", image.tag], { timeoutMs: 30_000, check: true })).stdout;
    expect(JSON.parse(labels)).toEqual({ [LABEL_IMAGE_CACHE]: "true", "nwh.tarball-sha256": sha });

    // `nwh cleanup` of every run leaves it; with the image cache it is listed and removed.
    expect((await new DockerSweeper().findLeftovers()).map((l) => l.id)).not.toContain(image.tag);
    const sweeper = new DockerSweeper({ imageCache: true });
    const leftover = (await sweeper.findLeftovers()).find((l) => l.id === image.tag);
    expect(leftover?.description).toMatch(/image cache$/);
    await sweeper.removeLeftover(leftover!);
    expect(await imageExists(image.tag)).toBe(false);
  });

  it("never caches a tarball that fails the import's check", async () => {
    const { noSystemd } = await tinyRootfsTarballs(path.join(workDir, "bad"));
    const sha = await tarballSha256(noSystemd);
    const image = distroImage("ignored", sha, true);
    await expect(ensureDistroImage({ runId: testRunId(), image, tarball: noSystemd, tarballSha256: sha, timeoutMs: 120_000 })).rejects.toThrow(/has no systemd/);
    expect(await imageExists(image.tag)).toBe(false);
  });

  it("a distro of a run with the cache starts from the cached image; its dispose removes the run's container and network, not the image", async () => {
    const tarball = await testTarball();
    const runId = testRunId();
    const transcript = new Transcript();
    const backend = new DockerBackend({ runId, workDir, imageCache: true, transcript });
    try {
      await backend.importDistro({ name: "cached", tarball });
      expect((await backend.exec("cached", ["cat", "/etc/hostname"])).exitCode).toBe(0);
    } finally {
      await backend.dispose();
    }
    const tag = distroImage(runId, await tarballSha256(tarball), true).tag;
    expect(await imageExists(tag)).toBe(true);
    expect(await runResources(runId)).toEqual([]);
    // A second run with the cache imports nothing.
    const again = new Transcript();
    const other = new DockerBackend({ runId: testRunId(), workDir, imageCache: true, transcript: again });
    try {
      await other.importDistro({ name: "cached", tarball });
    } finally {
      await other.dispose();
    }
    expect(formatTranscript(again.entries)).not.toMatch(/\$ docker import /);
    expect(formatTranscript(again.entries)).toContain(`reusing the cached image ${tag}`);
  });
});
