#!/usr/bin/env node
// Draws the extension's icon, extension/media/icon.png (128×128 RGBA): a magnifying lens over an MQTT-like
// topic tree on a rounded square. Encoded here with node's zlib so nothing is downloaded.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 128;
const SAMPLES = 4; // per axis, for anti-aliased edges
const BACKGROUND = [35, 47, 62]; // AWS squid ink
const ACCENT = [255, 153, 0]; // AWS orange
const WHITE = [255, 255, 255];

function insideRoundedSquare(x, y) {
  const r = 24;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distanceToSegment(x, y, [x1, y1], [x2, y2]) {
  const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)));
  return Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1)));
}

/** The colour at a point, or undefined outside the icon. Later layers win. */
function colourAt(x, y) {
  if (!insideRoundedSquare(x, y)) return undefined;
  const lens = { x: 54, y: 54, r: 30 };
  const fromLens = Math.hypot(x - lens.x, y - lens.y);
  if (distanceToSegment(x, y, [77, 77], [104, 104]) <= 8) return ACCENT;
  if (Math.abs(fromLens - lens.r) <= 5) return ACCENT;
  if (fromLens < lens.r - 5) {
    // A topic tree inside the lens: a root and three branches.
    const tree = [
      [
        [42, 40],
        [42, 68],
      ],
      [
        [42, 44],
        [64, 44],
      ],
      [
        [42, 56],
        [64, 56],
      ],
      [
        [42, 68],
        [64, 68],
      ],
    ];
    if (tree.some(([a, b]) => distanceToSegment(x, y, a, b) <= 2.5)) return WHITE;
    return BACKGROUND;
  }
  return BACKGROUND;
}

function pixels() {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          colour.forEach((c, i) => (sum[i] += c));
          sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      for (let i = 0; i < 3; i++) row[1 + x * 4 + i] = covered ? Math.round(sum[i] / covered) : 0;
      row[1 + x * 4 + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = path.join(__dirname, '..', 'extension', 'media', 'icon.png');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, png);
console.log(`${path.relative(process.cwd(), target)}: ${SIZE}×${SIZE}, ${png.length} bytes`);
