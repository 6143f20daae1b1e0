import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileNameFromUrl, isUrl, locateTarball } from "./locate-tarball.ts";

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), "nwh-tarball-"));

describe("locateTarball in a downloaded artifact", () => {
  it("finds the one tarball, also in a subdirectory", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "x86_64"));
    writeFileSync(path.join(dir, "x86_64", "nixos.wsl"), "tar");
    writeFileSync(path.join(dir, "README.txt"), "not a tarball");
    expect(await locateTarball("tarball-x86_64", dir)).toBe(path.join(dir, "x86_64", "nixos.wsl"));
  });

  it("names what it found when there is no tarball or more than one", async () => {
    const empty = tempDir();
    writeFileSync(path.join(empty, "notes.txt"), "");
    await expect(locateTarball("tarball-x86_64", empty)).rejects.toThrow(/no \*\.wsl, \*\.tar\.gz or \*\.tar in .* \(it holds: notes\.txt\)/);
    const two = tempDir();
    writeFileSync(path.join(two, "nixos.wsl"), "");
    writeFileSync(path.join(two, "nixos.aarch64.wsl"), "");
    await expect(locateTarball("tarballs", two)).rejects.toThrow(/2 tarballs in .*nixos\.aarch64\.wsl, nixos\.wsl/);
  });
});

describe("locateTarball from a URL (a loopback server)", () => {
  let server: Server;
  let base: string;
  let failuresLeft = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/flaky/nixos.wsl" && failuresLeft-- > 0) return void response.writeHead(503).end();
      if (request.url?.endsWith("/nixos.wsl") || request.url === "/download?id=7") return void response.writeHead(200).end("tarball bytes");
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("downloads it under its own name and returns its path", async () => {
    const dir = tempDir();
    const file = await locateTarball(`${base}/release/nixos.wsl`, dir);
    expect(file).toBe(path.join(dir, "nixos.wsl"));
    expect(readFileSync(file, "utf8")).toBe("tarball bytes");
  });

  it("retries a 503", async () => {
    failuresLeft = 1;
    const { download } = await import("./download.ts");
    const dir = tempDir();
    await download(`${base}/flaky/nixos.wsl`, path.join(dir, "nixos.wsl"), { minRetryDelayMs: 10 });
    expect(readFileSync(path.join(dir, "nixos.wsl"), "utf8")).toBe("tarball bytes");
  });

  it("fails at once on a 404, naming the URL", async () => {
    await expect(locateTarball(`${base}/missing.tar.gz`, tempDir())).rejects.toThrow(/missing\.tar\.gz: HTTP 404 Not Found \(not found: check the URL or version\)/);
  });

  it("names a file nixos.wsl when the URL's path ends in no tarball name", () => {
    expect(fileNameFromUrl(`${base}/download?id=7`)).toBe("nixos.wsl");
    expect(fileNameFromUrl("https://example.org/a/nixos%20test.tar.gz")).toBe("nixos test.tar.gz");
    expect(isUrl("https://x/y")).toBe(true);
    expect(isUrl("tarball-x86_64")).toBe(false);
  });
});
