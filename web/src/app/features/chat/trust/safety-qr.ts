// The safety number as a QR code, so two people side by side can verify by scanning instead of
// reading 60 digits. The code's text names both accounts (in id order, so both phones show the
// same code) and the number:
//   ATRIUM-SN1:<lower account id>:<higher account id>:<60 digits>
// Scanning the other phone's code and comparing it with the number this device computed tells
// "same keys" (mark verified), "different keys" (warn), or "a code for other people".
// Loaded on demand (with the QR encoder), so neither is part of the first load.
import { renderSVG } from 'uqr';

const PREFIX = 'ATRIUM-SN1';
const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Longest text a scanned or pasted code may have before it is refused unread. */
export const SAFETY_QR_TEXT_MAX = 512;

export interface SafetyQrContent {
  accountIds: [string, string];
  /** 60 digits, no spaces. */
  digits: string;
}

export type SafetyQrComparison = 'match' | 'mismatch' | 'other-people' | 'invalid';

function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** The text of the QR code for the safety number of accounts a and b (number as shown, with spaces). */
export function safetyQrText(a: string, b: string, number: string): string {
  const digits = number.replace(/\s+/g, '');
  if (!/^\d{60}$/.test(digits)) throw new Error('A safety number has 60 digits');
  if (!ACCOUNT_ID.test(a) || !ACCOUNT_ID.test(b)) throw new Error('Not an account id');
  const [low, high] = ordered(a, b);
  return `${PREFIX}:${low}:${high}:${digits}`;
}

/** Reads a scanned or pasted code; null when it is not an Atrium safety number code. */
export function parseSafetyQr(text: string): SafetyQrContent | null {
  const trimmed = text.trim();
  if (trimmed.length > SAFETY_QR_TEXT_MAX) return null;
  const parts = trimmed.split(':');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const [, low, high, digits] = parts as [string, string, string, string];
  if (!ACCOUNT_ID.test(low) || !ACCOUNT_ID.test(high) || !(low < high) || !/^\d{60}$/.test(digits)) return null;
  return { accountIds: [low, high], digits };
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
