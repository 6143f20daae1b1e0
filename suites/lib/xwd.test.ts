import { expect, test } from "vitest";
import { distinctPixels, parseXwd } from "./xwd.ts";

function xwd(width: number, height: number, pixel: (x: number, y: number) => number): Buffer {
  const header = Buffer.alloc(25 * 4 + 8);
  const fields = [header.length, 7, 2, 24, width, height, 0, 0, 32, 0, 32, 32, width * 4, 4, 0xff0000, 0xff00, 0xff, 8, 256, 0, width, height, 0, 0, 0];
  for (const [i, v] of fields.entries()) header.writeUInt32BE(v, i * 4);
  const body = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) body.writeUInt32LE(pixel(x, y), (y * width + x) * 4);
  return Buffer.concat([header, body]);
}

test("a blank capture has one distinct pixel, ignoring the unused top byte", () => {
  const image = parseXwd(xwd(4, 3, (x) => (x % 2 ? 0xff000000 : 0)));
  expect([image.width, image.height]).toEqual([4, 3]);
  expect(distinctPixels(image)).toBe(1);
});

test("a capture with a drawn window has more than one distinct pixel", () => {
  expect(distinctPixels(parseXwd(xwd(8, 8, (x, y) => (x > 2 && y > 2 ? 0x00ffffff : 0x00000000))))).toBe(2);
});

test("a file that is not an xwd capture is refused with the reason", () => {
  expect(() => parseXwd(Buffer.alloc(10))).toThrow(/shorter than an XWD header/);
  const png = Buffer.alloc(200);
  png.writeUInt32BE(3, 4);
  expect(() => parseXwd(png)).toThrow(/file version 3/);
});
