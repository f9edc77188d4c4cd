import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { decodeFrame, frameSize, loadQrDecode, type Frame } from './frame-decoder';

// A real QR code (version 4, level M) of this link, as the server's encoder (ZXing) draws it:
// '#' is a dark module. The tests render it like a camera would see it and read it with jsQR.
const LINK = 'https://atrium.example/c/q7Zt0xKcV3mN9pLw2R8sYb';
const MATRIX = [
  '#######.####......#..##.#.#######',
  '#.....#.#.##..####...#....#.....#',
  '#.###.#....####...#.##.##.#.###.#',
  '#.###.#.##.....#..#..#..#.#.###.#',
  '#.###.#..###....###.......#.###.#',
  '#.....#.....#.#####..#..#.#.....#',
  '#######.#.#.#.#.#.#.#.#.#.#######',
  '........#####..##..#..###........',
  '#.##.###.###.###..#.#.....#..#.##',
  '.#...#.....###..###.#####.#######',
  '..#.#.###.#..#..#.#######.#####..',
  '..#.#..##...#..###..#..##.#.#.##.',
  '#.#..######...###...#...#.###.##.',
  '##..#........##..#..#.#..####..#.',
  '#.#.###.#..#.##..#####..##..#.#.#',
  '...##..#..##..##..#....##.#...#.#',
  '...#.##...#.#...###...##.#.##.#.#',
  '#.####.##.#..#..#.##....#.#.##.#.',
  '##.####..##.##.##.#..##..#..##..#',
  '#.###..##.#...######.##.##.#...#.',
  '..##.##.#.###...#..#..#.##.##....',
  '##..#....#....###...####....###..',
  '..#####.##.##.##...###.##.#.#..##',
  '.#.##....###...#.#..##########.##',
  '#.#...######....##.#..#.#####...#',
  '........##..#####.#.#...#...#...#',
  '#######.###.#..####.##..#.#.####.',
  '#.....#.#.##.#...#####..#...#####',
  '#.###.#...#..#..###.##.#######..#',
  '#.###.#.#..####.#..#..#.#.#.#....',
  '#.###.#.#.#.#..###....######.#...',
  '#.....#....##....#..#..#.#####.#.',
  '#######.##..###..#.##..###.####..',
];

/** A small deterministic pseudo-random sequence (mulberry32), so the noise is the same each run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A width×height RGBA frame with the code at (left, top), modulePixels per module (fractional, so
 * module edges fall between pixels), a 4-module white quiet zone, on a grey background, with mild
 * sensor noise and dark modules that are not quite black.
 */
function render(
  matrix: string[],
  width: number,
  height: number,
  left: number,
  top: number,
  modulePixels: number,
): Frame {
  const data = new Uint8ClampedArray(width * height * 4);
  const noise = random(42);
  const quiet = 4;
  const modules = matrix.length;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const column = Math.floor((x - left) / modulePixels) - quiet;
      const row = Math.floor((y - top) / modulePixels) - quiet;
      const inside = column >= -quiet && row >= -quiet && column < modules + quiet && row < modules + quiet;
      const dark =
        inside && column >= 0 && row >= 0 && column < modules && row < modules && matrix[row]![column] === '#';
      const base = !inside ? 140 : dark ? 35 : 225;
      const value = base + Math.round((noise() - 0.5) * 10);
      const at = (y * width + x) * 4;
      data[at] = value;
      data[at + 1] = value;
      data[at + 2] = value + 5;
      data[at + 3] = 255;
    }
  }
  return { data, width, height };
}

describe('decodeFrame', () => {
  it('reads the text of a QR code in a camera-like frame with jsQR', async () => {
    const decode = await loadQrDecode();
    expect(decodeFrame(decode, render(MATRIX, 640, 480, 171.5, 63.25, 7.7))).toBe(LINK);
  });

  it('reads a denser code (a shop payment, version 8, with alignment patterns) drawn by another encoder', async () => {
    const payload =
      '000201010212263600' +
      '10dev.atrium0108m_7f3a2c0206ord-17' +
      '52045812530397854041.50' +
      '5802DE5910Cafe Sonne6006Berlin62110107B-4711630459E2';
    const code = encode(payload, { ecc: 'M', border: 0 });
    expect(code.version).toBe(8);
    const matrix = code.data.map((row) => row.map((dark) => (dark ? '#' : '.')).join(''));
    const decode = await loadQrDecode();
    expect(decodeFrame(decode, render(matrix, 640, 480, 120.4, 30.8, 6.4))).toBe(payload);
  });

  it('reads a code shown light on dark (a phone in dark mode)', async () => {
    const decode = await loadQrDecode();
    const frame = render(MATRIX, 480, 360, 60, 20, 6.5);
    for (let i = 0; i < frame.data.length; i += 4) {
      for (let channel = 0; channel < 3; channel++) frame.data[i + channel] = 255 - frame.data[i + channel]!;
    }
    expect(decodeFrame(decode, frame)).toBe(LINK);
  });

  it('finds nothing in noise, in a blank frame, or in a frame too small for its size', async () => {
    const decode = await loadQrDecode();
    const noise = random(7);
    const width = 320;
    const height = 240;
    const data = new Uint8ClampedArray(width * height * 4).map((_, index) =>
      index % 4 === 3 ? 255 : Math.floor(noise() * 256),
    );
    expect(decodeFrame(decode, { data, width, height })).toBeNull();
    expect(
      decodeFrame(decode, { data: new Uint8ClampedArray(width * height * 4).fill(255), width, height }),
    ).toBeNull();
    expect(decodeFrame(decode, { data: new Uint8ClampedArray(16), width, height })).toBeNull();
  });

  it('does not find a code whose finder pattern is torn off', async () => {
    const decode = await loadQrDecode();
    const torn = MATRIX.map((row, index) => (index < 8 ? '.'.repeat(8) + row.slice(8) : row));
    expect(decodeFrame(decode, render(torn, 640, 480, 171.5, 63.25, 7.7))).toBeNull();
  });
});

describe('frameSize', () => {
  it('scales the longest side down to 640 pixels and never up', () => {
    expect(frameSize(1920, 1080)).toEqual({ width: 640, height: 360 });
    expect(frameSize(720, 1280)).toEqual({ width: 360, height: 640 });
    expect(frameSize(640, 480)).toEqual({ width: 640, height: 480 });
    expect(frameSize(320, 240)).toEqual({ width: 320, height: 240 });
  });

  it('has no size before the video has one', () => {
    expect(frameSize(0, 0)).toBeNull();
    expect(frameSize(Number.NaN, 480)).toBeNull();
  });
});
