import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { exec } from "../../exec/index.ts";
import { newRunId } from "../../model/run-id.ts";
import { idLines } from "./docker-cli.ts";
import { labelFilterArgs } from "../../container/docker-labels.ts";

/**
 * Support for the Docker backend's integration tests (not used by the harness itself).
 * The distro tarball: $NWH_DOCKER_TEST_TARBALL when set (e.g. a debootstrap rootfs, for quick iteration),
 * else the Linux stand-in, built once and cached.
 */
export async function testTarball(): Promise<string> {
  const override = process.env.NWH_DOCKER_TEST_TARBALL;
  if (override) return override;
  const { buildStandin } = await import("../../../fixtures/standin/build-standin.ts");
  return (await buildStandin({ log: (line: string) => process.stderr.write(`${line}\n`) })).tarball;
}

export function testRunId(): string {
  return `${newRunId()}-itest`;
}

export async function testWorkDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "nwh-docker-itest-"));
}

/** Every container, image and network labelled with the run, as "kind id" lines. */
export async function runResources(runId: string): Promise<string[]> {
  const filter = labelFilterArgs({ runId });
  const [containers, images, networks] = await Promise.all([
    exec(["docker", "ps", "-a", "-q", ...filter], { timeoutMs: 30_000, check: true }),
    exec(["docker", "images", "-a", "-q", ...filter], { timeoutMs: 30_000, check: true }),
    exec(["docker", "network", "ls", "-q", ...filter], { timeoutMs: 30_000, check: true }),
  ]);
  return [...idLines(containers).map((id) => `container ${id}`), ...idLines(images).map((id) => `image ${id}`), ...idLines(networks).map((id) => `network ${id}`)];
}

/**
 * Tiny root filesystems for the bad-input tests, from the host's dash and libc: one with a shell and no
 * /sbin/init, one with /sbin/init and no systemd, and one that passes the import's check (a systemd that is not
 * one: it imports, it does not boot).
 */
export async function tinyRootfsTarballs(dir: string): Promise<{ noInit: string; noSystemd: string; passesCheck: string }> {
  const build = async (name: string, withInit: boolean, withSystemd = false) => {
    const root = path.join(dir, name);
    for (const file of ["/bin/dash", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"]) {
      if (!existsSync(file)) throw new Error(`tiny rootfs: ${file} is missing on this host (the tests expect Debian x86_64)`);
      await mkdir(path.join(root, path.dirname(file)), { recursive: true });
      await exec(["cp", "-L", file, path.join(root, file)], { timeoutMs: 10_000, check: true });
    }
    await exec(["ln", "-s", "dash", path.join(root, "bin/sh")], { timeoutMs: 10_000, check: true });
    if (withInit) {
      await mkdir(path.join(root, "sbin"), { recursive: true });
      await writeFile(path.join(root, "sbin/init"), "#!/bin/sh\nexec sleep infinity\n", { mode: 0o755 });
    }
    if (withSystemd) {
      await mkdir(path.join(root, "lib/systemd"), { recursive: true });
      await writeFile(path.join(root, "lib/systemd/systemd"), "#!/bin/sh\nexec sleep infinity\n", { mode: 0o755 });
    }
    const tarball = path.join(dir, `${name}.tar.gz`);
    await exec(["tar", "-C", root, "-czf", tarball, "."], { timeoutMs: 30_000, check: true });
    return tarball;
  };
  return { noInit: await build("no-init", false), noSystemd: await build("no-systemd", true), passesCheck: await build("passes-check", true, true) };
}

/**
 * Puts the stand-in's image in the image cache (NWH_IMAGE_CACHE=1, as the integration tests run), so that a test
 * timing a run's middle does not wait for the import too.
 */
export async function warmImageCache(): Promise<void> {
  const [{ distroImage, ensureDistroImage }, { tarballSha256 }] = await Promise.all([import("./image-store.ts"), import("../../model/tarball-digest.ts")]);
  const tarball = await testTarball();
  const sha = await tarballSha256(tarball);
  await ensureDistroImage({ runId: testRunId(), image: distroImage("", sha, true), tarball, tarballSha256: sha, timeoutMs: 600_000 });
}
