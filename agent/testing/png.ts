import { inflateSync } from 'node:zlib';

// Reads the pixels of a PNG so tests can look at a picture that a real renderer (rsvg-convert, the
// browser's canvas) made: 8-bit RGB or RGBA, not interlaced, which is what both write.

export interface Picture {
  width: number;
  height: number;
  /** [r, g, b, a] at a pixel. */
  at(x: number, y: number): [number, number, number, number];
}

const SIGNATURE = '89504e470d0a1a0a';

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function readPng(file: Uint8Array): Picture {
  const bytes = Buffer.from(file);
  if (bytes.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
      const [depth, colour, interlace] = [body[8], body[9], body[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0)
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i]!;
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter!];
      if (predicted === undefined) throw new Error(`bad PNG filter ${filter}`);
      pixels[y * stride + i] = (value + predicted) & 0xff;
    }
  }
  return {
    width,
    height,
    at(x, y) {
      const i = y * stride + x * channels;
      return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, channels === 4 ? pixels[i + 3]! : 255];
    },
  };
}

/** Pixels in a rectangle that are near `colour`, and those darker than half grey: background and ink. */
export function inkAndPaper(
  picture: Picture,
  region: { x: number; y: number; width: number; height: number },
  paper: [number, number, number] = [255, 255, 255],
): { paper: number; ink: number; total: number } {
  let [paperCount, ink, total] = [0, 0, 0];
  for (let y = Math.max(0, Math.floor(region.y)); y < Math.min(picture.height, region.y + region.height); y++)
    for (let x = Math.max(0, Math.floor(region.x)); x < Math.min(picture.width, region.x + region.width); x++) {
      const [r, g, b] = picture.at(x, y);
      total++;
      if (Math.abs(r - paper[0]) + Math.abs(g - paper[1]) + Math.abs(b - paper[2]) < 12) paperCount++;
      if ((r + g + b) / 3 < 128) ink++;
    }
  return { paper: paperCount, ink, total };
}
