// Reading a QR code from one camera frame where the browser has no BarcodeDetector (Chromium on
// Linux and Windows, Firefox, Safari before 17): jsQR over the frame's RGBA pixels. jsQR is
// imported on first use, so it is a chunk of its own and never part of the first page load.
// Pure apart from that import: no DOM, so it is unit-tested in Node on rendered images.

/** A frame's longest side is drawn at most this large: enough for a phone-held code, cheap to scan. */
export const FRAME_SIDE_MAX_PIXELS = 640;

/** RGBA pixels, four bytes each, row by row (what CanvasRenderingContext2D.getImageData gives). */
export interface Frame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** jsQR's signature, narrowed to what is used here. */
export type QrDecode = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { data: string } | null;

/** The size to draw a video of width×height at: scaled down to FRAME_SIDE_MAX_PIXELS, never up. */
export function frameSize(
  width: number,
  height: number,
  sideMax = FRAME_SIDE_MAX_PIXELS,
): { width: number; height: number } | null {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) return null;
  const scale = Math.min(1, sideMax / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The text of the QR code in the frame, or null if none is readable. */
export function decodeFrame(decode: QrDecode, frame: Frame): string | null {
  if (frame.width <= 0 || frame.height <= 0 || frame.data.length < frame.width * frame.height * 4) return null;
  // Both polarities: a code shown on a phone in dark mode is light on dark.
  const code = decode(frame.data, frame.width, frame.height, { inversionAttempts: 'attemptBoth' });
  return code && code.data !== '' ? code.data : null;
}

let decoder: Promise<QrDecode> | null = null;

/** jsQR, fetched once (a separate chunk); a failed fetch is retried on the next call. */
export function loadQrDecode(): Promise<QrDecode> {
  decoder ??= import('jsqr')
    .then((module) => {
      // jsQR is CommonJS: bundlers hand its function over as the default export, sometimes nested.
      const found = (module as { default?: unknown }).default ?? module;
      const decode = typeof found === 'function' ? found : (found as { default?: unknown }).default;
      if (typeof decode !== 'function') throw new Error('jsQR did not load');
      return decode as QrDecode;
    })
    .catch((error: unknown) => {
      decoder = null;
      throw error;
    });
  return decoder;
}
