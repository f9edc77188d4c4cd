// The safety number as a QR code, so two people side by side can verify by scanning instead of
// reading 60 digits. The code's text names both accounts (in id order, so both phones show the
// same code) and the number:
//   ATRIUM-SN1:<lower account id>:<higher account id>:<60 digits>
// Scanning the other phone's code and comparing it with the number this device computed tells
// "same keys" (mark verified), "different keys" (warn), or "a code for other people".
// Loaded on demand (with the QR encoder), so neither is part of the first load.
import { renderSVG } from 'uqr';
import { ACCOUNT_ID, ordered, parseSafetyQr, SAFETY_QR_PREFIX } from './safety-qr-code';

export { parseSafetyQr, SAFETY_QR_TEXT_MAX, type SafetyQrContent } from './safety-qr-code';

export type SafetyQrComparison = 'match' | 'mismatch' | 'other-people' | 'invalid';

/** The text of the QR code for the safety number of accounts a and b (number as shown, with spaces). */
export function safetyQrText(a: string, b: string, number: string): string {
  const digits = number.replace(/\s+/g, '');
  if (!/^\d{60}$/.test(digits)) throw new Error('A safety number has 60 digits');
  if (!ACCOUNT_ID.test(a) || !ACCOUNT_ID.test(b)) throw new Error('Not an account id');
  const [low, high] = ordered(a, b);
  return `${SAFETY_QR_PREFIX}:${low}:${high}:${digits}`;
}

/**
 * Compares a scanned code with the safety number this device computed for itself (ownId) and
 * the contact (peerId).
 */
export function compareSafetyQr(scanned: string, ownId: string, peerId: string, number: string): SafetyQrComparison {
  const content = parseSafetyQr(scanned);
  if (!content) return 'invalid';
  const [low, high] = ordered(ownId, peerId);
  if (content.accountIds[0] !== low || content.accountIds[1] !== high) return 'other-people';
  return content.digits === number.replace(/\s+/g, '') ? 'match' : 'mismatch';
}

/** The QR code of `text` as SVG markup (error correction M, a quiet zone of 2 modules). */
export function safetyQrSvg(text: string): string {
  return renderSVG(text, { ecc: 'M', border: 2 });
}
