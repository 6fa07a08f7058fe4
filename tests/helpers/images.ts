/**
 * Small but real image files, byte for byte as the formats define them, for tests that read, serve or
 * send images: the formats Herald takes and some it refuses.
 */
import { crc32, deflateSync } from 'node:zlib';

const u32 = (value: number) => [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** A real PNG of `width` × `height` (grey pixels), as image tools, servers and browsers accept. */
export function png(width = 4, height = 3): Uint8Array {
  const chunk = (type: string, data: number[]) => {
    const body = new Uint8Array([...ascii(type), ...data]);
    return [...u32(data.length), ...body, ...u32(crc32(body))];
  };
  const rows = Array.from({ length: height }, () => [0, ...Array.from({ length: width }, () => 128)]).flat();
  return new Uint8Array([
    137,
    80,
    78,
    71,
    13,
    10,
    26,
    10,
    ...chunk('IHDR', [...u32(width), ...u32(height), 8, 0, 0, 0, 0]),
    ...chunk('IDAT', [...deflateSync(new Uint8Array(rows))]),
    ...chunk('IEND', []),
  ]);
}

/** A white 1 × 1 GIF89a. */
export const gif = new Uint8Array([
  ...ascii('GIF89a'),
  1,
  0,
  1,
  0,
  0x80,
  0,
  0,
  0,
  0,
  0,
  255,
  255,
  255,
  0x21,
  0xf9,
  4,
  1,
  0,
  0,
  0,
  0,
  0x2c,
  0,
  0,
  0,
  0,
  1,
  0,
  1,
  0,
  0,
  2,
  2,
  0x44,
  1,
  0,
  0x3b,
]);

/**
 * The GIF above followed by a web page: image-size reads a 1 × 1 GIF, a browser served it as
 * text/html runs the script. The classic polyglot.
 */
export const gifHtmlPolyglot = new Uint8Array([
  ...gif,
  ...ascii('<html><body><script>document.title = "pwned"</script></body></html>'),
]);

/** The start of a JPEG with its frame header: 3 × 2 pixels. */
export const jpeg = new Uint8Array([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0,
  16,
  ...ascii('JFIF'),
  0,
  1,
  1,
  0,
  0,
  1,
  0,
  1,
  0,
  0,
  0xff,
  0xc0,
  0,
  11,
  8,
  0,
  2,
  0,
  3,
  1,
  1,
  0x11,
  0,
  0xff,
  0xd9,
]);

/** An extended WebP header (VP8X) of 5 × 4 pixels. */
export const webp = new Uint8Array([
  ...ascii('RIFF'),
  22,
  0,
  0,
  0,
  ...ascii('WEBP'),
  ...ascii('VP8X'),
  10,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  4,
  0,
  0,
  3,
  0,
  0,
]);

/** An ISO base media file of `brand` (heic, avif, mif1) with one image of 6 × 4 pixels. */
export function heif(brand: string): Uint8Array {
  const box = (type: string, body: number[]) => [...u32(8 + body.length), ...ascii(type), ...body];
  const ispe = box('ispe', [0, 0, 0, 0, ...u32(6), ...u32(4)]);
  const meta = box('meta', [0, 0, 0, 0, ...box('iprp', box('ipco', ispe))]);
  return new Uint8Array([...box('ftyp', [...ascii(brand), 0, 0, 0, 0, ...ascii('mif1'), ...ascii(brand)]), ...meta]);
}

/** A little-endian TIFF header. */
export const tiff = new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0, 0, 0]);

/** An SVG with a script in it. */
export const svg = new TextEncoder().encode(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
);
