import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { decodeFrame, loadQrDecode } from '../../../components/qr/frame-decoder';
import { compareSafetyQr, parseSafetyQr, safetyQrSvg, safetyQrText } from './safety-qr';

const ANN = 'acc_AnnAnnAnnAnn';
const BOB = 'acc_BobBobBobBob';
const NUMBER = Array.from({ length: 12 }, (_, index) => String(10_000 + index * 7_919).slice(0, 5)).join(' ');

/** The QR code (as the screen encodes it) as RGBA pixels with a white margin, like a camera frame. */
function picture(text: string, scale = 4) {
  const modules = encode(text, { ecc: 'M', border: 4 }).data;
  const size = modules.length * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!modules[Math.floor(y / scale)]![Math.floor(x / scale)]) continue;
      data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { width: size, height: size, data };
}

describe('safety number QR code', () => {
  it('is the same text on both phones and reads back', () => {
    const text = safetyQrText(ANN, BOB, NUMBER);
    expect(text).toBe(`ATRIUM-SN1:${ANN}:${BOB}:${NUMBER.replace(/ /g, '')}`);
    expect(safetyQrText(BOB, ANN, NUMBER)).toBe(text);
    expect(parseSafetyQr(`  ${text}\n`)).toEqual({ accountIds: [ANN, BOB], digits: NUMBER.replace(/ /g, '') });
  });

  it('survives encoding as a QR code and decoding the picture (jsQR, as the scanner does)', async () => {
    const text = safetyQrText(ANN, BOB, NUMBER);
    expect(decodeFrame(await loadQrDecode(), picture(text))).toBe(text);
    const svg = safetyQrSvg(text);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox');
  });

  it('compares: same number, different number, other people, not a code', () => {
    const text = safetyQrText(BOB, ANN, NUMBER);
    expect(compareSafetyQr(text, ANN, BOB, NUMBER)).toBe('match');
    expect(compareSafetyQr(text, BOB, ANN, NUMBER)).toBe('match');
    const other = NUMBER.replace(/^\d/, (digit) => String((Number(digit) + 1) % 10));
    expect(compareSafetyQr(text, ANN, BOB, other)).toBe('mismatch');
    expect(compareSafetyQr(text, ANN, 'acc_CatCatCatCat', NUMBER)).toBe('other-people');
    for (const bad of [
      '',
      'hello',
      NUMBER,
      `ATRIUM-SN1:${BOB}:${ANN}:${NUMBER.replace(/ /g, '')}`,
      `ATRIUM-SN1:${ANN}:${BOB}:${'1'.repeat(59)}`,
      `ATRIUM-SN2:${ANN}:${BOB}:${'1'.repeat(60)}`,
      `ATRIUM-SN1:${ANN}:${BOB}:${'1'.repeat(60)}:extra`,
      `ATRIUM-SN1:${ANN}:${BOB}:${'1'.repeat(600)}`,
    ]) {
      expect(compareSafetyQr(bad, ANN, BOB, NUMBER), bad).toBe('invalid');
    }
  });

  it('refuses to make a code of something that is not a safety number', () => {
    expect(() => safetyQrText(ANN, BOB, '12345')).toThrow();
    expect(() => safetyQrText('acc:x', BOB, NUMBER)).toThrow();
  });
});
