/** The parts of an XWD (X Window Dump) image needed to tell a blank screen from a drawn one. */
export interface XwdImage {
  width: number;
  height: number;
  bitsPerPixel: number;
  bytesPerLine: number;
  /** Pixel values (masked to 24 bits), row by row. */
  pixels: Uint32Array;
}

const HEADER_FIELDS = 25;
const COLOR_ENTRY_BYTES = 12;

/** Parses `xwd -root` output (X11 XWD version 7; header fields big-endian, pixels in the image's byte order). */
export function parseXwd(data: Buffer): XwdImage {
  if (data.length < HEADER_FIELDS * 4) throw new Error(`xwd: ${data.length} bytes is shorter than an XWD header`);
  const field = (index: number) => data.readUInt32BE(index * 4);
  const headerSize = field(0);
  const version = field(1);
  if (version !== 7) throw new Error(`xwd: file version ${version}, expected 7 (is this an xwd capture?)`);
  const width = field(4);
  const height = field(5);
  const littleEndian = field(7) === 0; // byte_order: 0 = LSBFirst
  const bitsPerPixel = field(11);
  const bytesPerLine = field(12);
  const colors = field(19);
  if (bitsPerPixel !== 32 && bitsPerPixel !== 24 && bitsPerPixel !== 16) throw new Error(`xwd: ${bitsPerPixel} bits per pixel is not supported`);
  const offset = headerSize + colors * COLOR_ENTRY_BYTES;
  if (data.length < offset + bytesPerLine * height) throw new Error(`xwd: truncated (${data.length} bytes for ${width}x${height})`);
  const bytesPerPixel = bitsPerPixel / 8;
  const pixels = new Uint32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = offset + y * bytesPerLine + x * bytesPerPixel;
      const value = bytesPerPixel === 4 ? (littleEndian ? data.readUInt32LE(at) : data.readUInt32BE(at))
        : bytesPerPixel === 3 ? (littleEndian ? data.readUIntLE(at, 3) : data.readUIntBE(at, 3))
        : littleEndian ? data.readUInt16LE(at) : data.readUInt16BE(at);
      pixels[y * width + x] = value & 0xffffff;
    }
  }
  return { width, height, bitsPerPixel, bytesPerLine, pixels };
}

/** How many distinct pixel values the image has: 1 means blank. */
export function distinctPixels(image: XwdImage): number {
  return new Set(image.pixels).size;
}
