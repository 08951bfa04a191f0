// Draws media/icon.png, the 128×128 extension icon, with no dependencies: each pixel is shaded
// from a few shapes (a page of copy, a quotation mark, a warning dot) and written as a PNG with
// node's zlib. Run `node media/make-icon.mjs` after changing the drawing; the PNG is committed so
// that packaging needs no build step for it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { Buffer } from 'node:buffer';
import { stdout } from 'node:process';
import { fileURLToPath } from 'node:url';

const size = 128;
const background = [31, 59, 87];
const paper = [244, 241, 232];
const ink = [60, 72, 88];
const accent = [232, 144, 36];

/** Coverage of a rounded rectangle at a pixel centre, anti-aliased over one pixel. */
function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  const distance = Math.hypot(x - cx, y - cy) - radius;
  return Math.min(Math.max(0.5 - distance, 0), 1);
}

function circle(x, y, cx, cy, radius) {
  return Math.min(Math.max(0.5 - (Math.hypot(x - cx, y - cy) - radius), 0), 1);
}

function mix(base, colour, amount) {
  return base.map((channel, i) => channel + ((colour[i] ?? 0) - channel) * amount);
}

function shade(x, y) {
  let colour = [0, 0, 0];
  let alpha = roundedRect(x, y, 2, 2, 126, 126, 22);
  colour = background;
  colour = mix(colour, paper, roundedRect(x, y, 26, 18, 90, 110, 6));
  // Lines of copy on the page.
  for (const [top, right] of [
    [34, 78],
    [46, 72],
    [58, 78],
    [70, 60],
    [82, 74],
    [94, 56],
  ]) {
    colour = mix(colour, ink, roundedRect(x, y, 36, top, right, top + 5, 2.5));
  }
  // A quotation mark in a bubble, bottom right: the claim and its source.
  colour = mix(colour, accent, circle(x, y, 92, 88, 24));
  colour = mix(colour, paper, circle(x, y, 84, 84, 6));
  colour = mix(colour, paper, roundedRect(x, y, 82, 84, 88, 98, 3));
  colour = mix(colour, paper, circle(x, y, 100, 84, 6));
  colour = mix(colour, paper, roundedRect(x, y, 98, 84, 104, 98, 3));
  return [...colour.map((channel) => Math.round(channel)), Math.round(alpha * 255)];
}

const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0;
  for (let x = 0; x < size; x++) {
    const pixel = shade(x + 0.5, y + 0.5);
    pixel.forEach((value, channel) => {
      raw[y * (size * 4 + 1) + 1 + x * 4 + channel] = value;
    });
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.writeUInt8(8, 8); // bit depth
header.writeUInt8(6, 9); // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(fileURLToPath(new globalThis.URL('./icon.png', import.meta.url)), png);
stdout.write(`media/icon.png: ${png.length} bytes\n`);
