// Draws client/images/icon.png (128×128): a call-flow graph on a rounded tile. Pure Node: shapes as signed
// distance functions, 4×4 supersampling for anti-aliasing, a minimal PNG encoder (zlib + CRC-32).
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const SS = 4;
const px = new Float64Array(N * N * 4); // premultiplied RGBA, 0..1

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
const roundRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, w) => {
  const pax = x - ax,
    pay = y - ay,
    bax = bx - ax,
    bay = by - ay;
  const h = Math.max(0, Math.min(1, (pax * bax + pay * bay) / (bax * bax + bay * bay)));
  return Math.hypot(pax - bax * h, pay - bay * h) - w / 2;
};

/** Paints a shape (sdf < 0 inside) with a colour function over the image. */
function paint(sdf, color, alpha = 1) {
  for (let j = 0; j < N; j++)
    for (let i = 0; i < N; i++) {
      let cover = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (sdf(i + (sx + 0.5) / SS, j + (sy + 0.5) / SS) < 0) cover++;
      if (!cover) continue;
      const a = (cover / (SS * SS)) * alpha;
      const [r, g, b] = color(i + 0.5, j + 0.5);
      const k = (j * N + i) * 4;
      px[k] = r * a + px[k] * (1 - a);
      px[k + 1] = g * a + px[k + 1] * (1 - a);
      px[k + 2] = b * a + px[k + 2] * (1 - a);
      px[k + 3] = a + px[k + 3] * (1 - a);
    }
}

const top = hex('#1f4e8c');
const bottom = hex('#0f766e');
const gradient = (_x, y) => top.map((t, c) => t + (bottom[c] - t) * (y / N));
const white = () => [1, 1, 1];
const soft = () => hex('#cfe8ff');

// Tile.
paint((x, y) => roundRect(x, y, 64, 64, 60, 60, 22), gradient);
// Edges: start → decision, decision → two outcomes.
const nodes = { start: [64, 30], left: [36, 70], right: [92, 70], end: [64, 104] };
const edge = (a, b) => paint((x, y) => segment(x, y, ...nodes[a], ...nodes[b], 6), soft);
edge('start', 'left');
edge('start', 'right');
edge('left', 'end');
edge('right', 'end');
// Steps: a handset-like pill at the start, round choice nodes, a square end.
paint((x, y) => roundRect(x, y, ...nodes.start, 20, 11, 11), white);
paint((x, y) => circle(x, y, ...nodes.left, 12), white);
paint((x, y) => circle(x, y, ...nodes.right, 12), white);
paint((x, y) => roundRect(x, y, ...nodes.end, 13, 13, 4), white);
// Alert dot on the end step: the emergency.
paint(
  (x, y) => circle(x, y, 64, 104, 5.5),
  () => hex('#dc2626'),
);
// Earpiece marks on the start pill.
paint(
  (x, y) => circle(x, y, 52, 30, 4),
  () => hex('#1f4e8c'),
);
paint(
  (x, y) => circle(x, y, 76, 30, 4),
  () => hex('#1f4e8c'),
);

// Encode (un-premultiply).
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let j = 0; j < N; j++) {
  raw[j * (N * 4 + 1)] = 0;
  for (let i = 0; i < N; i++) {
    const k = (j * N + i) * 4;
    const a = px[k + 3];
    const o = j * (N * 4 + 1) + 1 + i * 4;
    for (let c = 0; c < 3; c++) raw[o + c] = a ? Math.round(Math.min(1, px[k + c] / a) * 255) : 0;
    raw[o + 3] = Math.round(a * 255);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync('client/images', { recursive: true });
writeFileSync('client/images/icon.png', png);
console.log(`client/images/icon.png: ${png.length} bytes`);
