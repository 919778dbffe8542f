// Draws the SIM Keeper icon (a SIM card with a cut corner and a chip) as PNGs.
// Run once with `node scripts/make-icons.mjs`; the PNGs are committed in public/icon.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function inside(x, y) {
  // Unit square coordinates; card body with the top-right corner cut.
  const l = 0.18,
    r = 0.82,
    t = 0.06,
    b = 0.94,
    cut = 0.2,
    rad = 0.06;
  if (x < l || x > r || y < t || y > b) return null;
  if (x - (r - cut) > y - t) return null; // cut corner
  const cx = x < l + rad ? l + rad : Math.min(x, r - rad);
  const cy = y > b - rad ? b - rad : y < t + rad && x < r - cut ? t + rad : y;
  if ((x - cx) ** 2 + (y - cy) ** 2 > rad * rad) return null;
  // Chip
  if (x > 0.32 && x < 0.68 && y > 0.46 && y < 0.8) {
    const line = Math.abs(y - 0.63) < 0.025 || Math.abs(x - 0.5) < 0.025;
    return line ? [180, 130, 20] : [245, 196, 66];
  }
  return [109, 40, 217];
}

function png(size) {
  const ss = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = inside((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a++;
          }
        }
      const o = 1 + px * 4;
      if (a) {
        row[o] = r / a;
        row[o + 1] = g / a;
        row[o + 2] = b / a;
        row[o + 3] = (255 * a) / (ss * ss);
      }
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
