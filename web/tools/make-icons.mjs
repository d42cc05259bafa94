// Draws the PWA's PNG icons (the same emblem as icons/icon.svg: a hall with three columns on red) without any
// image library: node web/tools/make-icons.mjs writes web/public/icons/icon-{192,512}.png.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function inside(x, y) {
  // Coordinates in the SVG's 64 x 64 box; maskable: the emblem stays within the central safe zone.
  if (y >= 12 && y <= 26) {
    const half = ((y - 12) / 14) * 20;
    if (x >= 32 - half && x <= 32 + half) return true;
  }
  for (const cx of [15, 29, 43]) if (x >= cx && x <= cx + 6 && y >= 29 && y <= 48) return true;
  return x >= 10 && x <= 54 && y >= 50 && y <= 55;
}

function png(size) {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const sx = ((x + 0.5) / size) * 64, sy = ((y + 0.5) / size) * 64;
      const white = inside(sx, sy);
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = white ? 255 : 0xa8;
      raw[o + 1] = white ? 255 : 0x20;
      raw[o + 2] = white ? 255 : 0x1a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;  // bit depth
  ihdr[9] = 2;  // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [192, 512]) {
  writeFileSync(fileURLToPath(new URL(`../public/icons/icon-${size}.png`, import.meta.url)), png(size));
}
