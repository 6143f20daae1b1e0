import { truncate, copyFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DockerBackend } from "./docker-backend.ts";
import { runResources, testRunId, testWorkDir, tinyRootfsTarballs } from "./itest-support.ts";
import { BadTarballError } from "../../model/tarball-format.ts";

const runId = testRunId();
let workDir: string;
let backend: DockerBackend;

beforeAll(async () => {
  workDir = await testWorkDir();
  backend = new DockerBackend({ runId, workDir, bootTimeoutMs: 120_000 });
});

afterEach(async () => {
  expect(await runResources(runId)).toEqual([]);
});

afterAll(async () => {
  await backend?.dispose();
  expect(await runResources(runId)).toEqual([]);
  await rm(workDir, { recursive: true, force: true });
});

describe("bad input fails clearly and leaves nothing behind", () => {
  it("refuses a file that is not a tarball before touching Docker", async () => {
    const file = path.join(workDir, "notes.txt");
    await writeFile(file, "just text\n");
    const error = await backend.importDistro({ name: "bad-text", tarball: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadTarballError);
    expect((error as Error).message).toMatch(/notes\.txt is not a tarball/);
  });

  it("refuses a missing tarball, naming it", async () => {
    await expect(backend.importDistro({ name: "bad-missing", tarball: path.join(workDir, "nope.tar.gz") })).rejects.toThrow(/cannot read tarball .*nope\.tar\.gz: ENOENT/);
  });

  it("refuses a root filesystem without /sbin/init", async () => {
    const { noInit } = await tinyRootfsTarballs(path.join(workDir, "tiny-1"));
    const error = await backend.importDistro({ name: "bad-noinit", tarball: noInit }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadTarballError);
    expect((error as Error).message).toMatch(/has no \/sbin\/init/);
  });

  it("refuses a root filesystem whose /sbin/init is not systemd", async () => {
    const { noSystemd } = await tinyRootfsTarballs(path.join(workDir, "tiny-2"));
    await expect(backend.importDistro({ name: "bad-nosystemd", tarball: noSystemd })).rejects.toThrow(/has no systemd/);
  });

  it("refuses a truncated tarball", async () => {
    const { noSystemd } = await tinyRootfsTarballs(path.join(workDir, "tiny-3"));
    const cut = path.join(workDir, "cut.tar.gz");
    await copyFile(noSystemd, cut);
    await truncate(cut, 4096);
    const error = await backend.importDistro({ name: "bad-cut", tarball: cut }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadTarballError);
    expect((error as Error).message).toMatch(/docker could not import .*cut\.tar\.gz/);
  });

  it("says how to start an engine when none answers", async () => {
    const { noSystemd } = await tinyRootfsTarballs(path.join(workDir, "tiny-4"));
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${path.join(workDir, "no-engine.sock")}`;
    try {
      const offline = new DockerBackend({ runId, workDir });
      await expect(offline.importDistro({ name: "no-engine", tarball: noSystemd })).rejects.toThrow(/no Docker engine is reachable.*dockerd/);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
