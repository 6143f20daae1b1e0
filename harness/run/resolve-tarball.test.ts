import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { UsageError } from "../cli/usage-error.ts";
import { resolveTarball, tarballProblem } from "./resolve-tarball.ts";

const dir = mkdtempSync(path.join(tmpdir(), "nwh-tarball-"));
function file(name: string, bytes: Uint8Array): string {
  const target = path.join(dir, name);
  writeFileSync(target, bytes);
  return target;
}
/** One tar header block ("ustar" at offset 257) and an empty body. */
function tarBytes(): Buffer {
  const block = Buffer.alloc(1024);
  block.write("etc/", 0, "latin1");
  block.write("ustar", 257, "latin1");
  return block;
}

describe("tarballProblem", () => {
  test("a gzip'd tar is accepted", () => {
    expect(tarballProblem(file("ok.tar.gz", gzipSync(tarBytes())))).toBeUndefined();
  });
  test("a plain tar is accepted", () => {
    expect(tarballProblem(file("ok.tar", tarBytes()))).toBeUndefined();
  });
  test("random bytes named .tar.gz are refused", () => {
    expect(tarballProblem(file("random.tar.gz", Buffer.from("this is not an archive at all, just text".repeat(20))))).toMatch(/not a tarball/);
  });
  test("gzip of something that is not a tar is refused", () => {
    expect(tarballProblem(file("text.gz", gzipSync(Buffer.from("hello ".repeat(200)))))).toMatch(/not a tar archive inside/);
  });
  test("an empty file is refused", () => {
    expect(tarballProblem(file("empty.wsl", new Uint8Array()))).toBe("is empty");
  });
});

describe("resolveTarball", () => {
  test("a file that is not a tarball is a usage error naming it (exit 2)", async () => {
    const bad = file("notatar.wsl", Buffer.from("definitely not a tar".repeat(40)));
    const attempt = resolveTarball({ tarball: bad, backend: "wsl", log: () => {} });
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(/notatar\.wsl is not a tarball/);
  });
});
