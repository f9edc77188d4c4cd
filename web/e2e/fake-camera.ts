// A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M video that shows a QR code,
// as a phone held up to a screen would. Y4M is a one-line text header and raw I420 frames; the
// QR code is drawn in luma (dark modules near black on a white quiet zone, a grey surround) and
// the chroma planes are neutral (128), so the picture is grey.
import { writeFileSync } from 'node:fs';

/**
 * The modules of a QR code drawn by the server (platform/qr/QrCodes.svg): the viewBox is the
 * module grid with its quiet zone, and the one path is horizontal runs "M x y h n v1 h-n z".
 * true is a dark module.
 */
export function qrModulesFromSvg(svg: string): boolean[][] {
  const box = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const path = /<path[^>]* d="([^"]*)"/.exec(svg);
  if (!box || !path) throw new Error(`not a QR code SVG from the server: ${svg.slice(0, 120)}`);
  const width = Number(box[1]);
  const height = Number(box[2]);
  const modules = Array.from({ length: height }, () => new Array<boolean>(width).fill(false));
  let runs = 0;
  for (const run of path[1]!.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, length] = [Number(run[1]), Number(run[2]), Number(run[3])];
    if (y >= height || x + length > width) throw new Error(`run outside the grid: ${run[0]}`);
    modules[y]!.fill(true, x, x + length);
    runs += 1;
  }
  if (runs === 0) throw new Error('the QR code SVG has no dark modules');
  return modules;
}

/**
 * Writes a Y4M file of `frames` identical width×height frames showing the modules (which should
 * already include the quiet zone) centred, as large as fits in 80% of the height, whole pixels
 * per module. Chromium loops the file, so a few frames make an endless still picture.
 */
export function writeQrVideo(
  file: string,
  modules: boolean[][],
  options: { width?: number; height?: number; frames?: number } = {},
): void {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 3;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('I420 needs an even width and height');
  const size = modules.length;
  const modulePixels = Math.floor((height * 0.8) / size);
  if (modulePixels < 2) throw new Error(`a ${size}-module code does not fit in ${height} pixels`);
  const left = Math.floor((width - size * modulePixels) / 2);
  const top = Math.floor((height - size * modulePixels) / 2);

  const luma = Buffer.alloc(width * height, 150);
  for (let y = 0; y < size * modulePixels; y++) {
    const row = modules[Math.floor(y / modulePixels)]!;
    for (let x = 0; x < size * modulePixels; x++) {
      // Video range: 16 is black, 235 white.
      luma[(top + y) * width + left + x] = row[Math.floor(x / modulePixels)] ? 20 : 230;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, ...new Array<Buffer>(frames).fill(frame)]));
}
