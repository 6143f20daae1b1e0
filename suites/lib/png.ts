import { crc32, deflateSync } from "node:zlib";
import type { XwdImage } from "./xwd.ts";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** An 8-bit RGB PNG of a parsed capture (pixels 0xRRGGBB), so a report can show what the screen looked like. */
export function encodePng(image: Pick<XwdImage, "width" | "height" | "pixels">): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter method, no interlace
  const rowBytes = 1 + image.width * 3;
  const raw = Buffer.alloc(rowBytes * image.height);
  for (let y = 0; y < image.height; y++) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < image.width; x++) {
      const pixel = image.pixels[y * image.width + x] ?? 0;
      const at = y * rowBytes + 1 + x * 3;
      raw[at] = (pixel >> 16) & 0xff;
      raw[at + 1] = (pixel >> 8) & 0xff;
      raw[at + 2] = pixel & 0xff;
    }
  }
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
