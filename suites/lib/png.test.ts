import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { expect, test } from "vitest";
import { exec } from "../../harness/exec/index.ts";
import { encodePng } from "./png.ts";

const image = { width: 3, height: 2, pixels: Uint32Array.from([0xff0000, 0x00ff00, 0x0000ff, 0xffffff, 0x000000, 0x123456]) };

test("encodes RGB rows behind filter bytes, in a PNG that a decoder accepts", async () => {
  const png = encodePng(image);
  expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  expect(png.readUInt32BE(16)).toBe(3);
  expect(png.readUInt32BE(20)).toBe(2);
  const idatLength = png.readUInt32BE(33);
  expect(png.subarray(37, 41).toString("ascii")).toBe("IDAT");
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  expect([...raw]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255, 0, 0, 0, 0x12, 0x34, 0x56]);
  // Python's zlib checks every chunk's CRC when it reads the file back through a real decoder path.
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "nwh-png-")), "x.png");
  writeFileSync(file, png);
  const check = await exec(["python3", "-c", PNG_CRC_CHECK, file], { timeoutMs: 30_000 });
  expect(check.stdout.trim(), check.stderr).toBe("IHDR ok, IDAT ok, IEND ok");
});

const PNG_CRC_CHECK = `
import sys, struct, zlib
data = open(sys.argv[1], 'rb').read()[8:]
out = []
while data:
    n, = struct.unpack('>I', data[:4]); t = data[4:8]; body = data[8:8+n]; crc, = struct.unpack('>I', data[8+n:12+n])
    out.append(t.decode() + (' ok' if zlib.crc32(t + body) == crc else ' BAD'))
    data = data[12+n:]
print(', '.join(out))
`;
