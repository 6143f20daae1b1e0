import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { assertTarball, BadTarballError, sniffTarballFormat } from "./tarball-format.ts";

function tarHeader(): Uint8Array {
  const block = Buffer.alloc(512);
  block.write("etc/", 0);
  block.write("ustar", 257, "latin1");
  return block;
}

describe("sniffTarballFormat", () => {
  it("recognises tar and compressed streams", () => {
    expect(sniffTarballFormat(tarHeader())).toBe("tar");
    expect(sniffTarballFormat(gzipSync("x"))).toBe("gzip");
    expect(sniffTarballFormat(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1]))).toBe("xz");
    expect(sniffTarballFormat(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0]))).toBe("zstd");
  });

  it("rejects text and empty input", () => {
    expect(sniffTarballFormat(Buffer.from("hello world\n"))).toBeUndefined();
    expect(sniffTarballFormat(new Uint8Array())).toBeUndefined();
  });
});

describe("assertTarball", () => {
  it("names the file and the reason for a missing, empty or non-tar file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "nwh-tarball-"));
    const text = path.join(dir, "notes.txt");
    const empty = path.join(dir, "empty.tar");
    await writeFile(text, "not a tarball\n");
    await writeFile(empty, "");
    await expect(assertTarball(path.join(dir, "missing.tar"))).rejects.toThrow(/cannot read tarball .*missing\.tar: ENOENT/);
    await expect(assertTarball(text)).rejects.toThrow(BadTarballError);
    await expect(assertTarball(text)).rejects.toThrow(/notes\.txt is not a tarball/);
    await expect(assertTarball(empty)).rejects.toThrow(/the file is empty/);
  });

  it("accepts a gzip stream", async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "nwh-tarball-")), "rootfs.tar.gz");
    await writeFile(file, gzipSync(tarHeader()));
    await expect(assertTarball(file)).resolves.toBe("gzip");
  });

  it("accepts a plain tar", async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "nwh-tarball-")), "rootfs.tar");
    await writeFile(file, Buffer.concat([tarHeader(), Buffer.alloc(512)]));
    await expect(assertTarball(file)).resolves.toBe("tar");
  });

  it("refuses random bytes named .tar.gz and gzip of something that is not a tar", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "nwh-tarball-"));
    const random = path.join(dir, "random.tar.gz");
    const text = path.join(dir, "text.gz");
    await writeFile(random, Buffer.from("this is not an archive at all, just text".repeat(20)));
    await writeFile(text, gzipSync(Buffer.from("hello ".repeat(200))));
    await expect(assertTarball(random)).rejects.toThrow(/random\.tar\.gz is not a tarball/);
    await expect(assertTarball(text)).rejects.toThrow(/text\.gz is gzip data, but not a tar archive inside/);
  });
});
