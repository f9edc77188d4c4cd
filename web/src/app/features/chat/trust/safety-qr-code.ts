// The text of the safety number's QR code, without the QR encoder, so that a screen that only
// reads codes (Discover → Scan) can recognise one without loading the encoder:
//   ATRIUM-SN1:<lower account id>:<higher account id>:<60 digits>

export const SAFETY_QR_PREFIX = 'ATRIUM-SN1';
export const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Longest text a scanned or pasted code may have before it is refused unread. */
export const SAFETY_QR_TEXT_MAX = 512;

export interface SafetyQrContent {
  accountIds: [string, string];
  /** 60 digits, no spaces. */
  digits: string;
}

export function ordered(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/** Reads a scanned or pasted code; null when it is not an Atrium safety number code. */
export function parseSafetyQr(text: string): SafetyQrContent | null {
  const trimmed = text.trim();
  if (trimmed.length > SAFETY_QR_TEXT_MAX) return null;
  const parts = trimmed.split(':');
  if (parts.length !== 4 || parts[0] !== SAFETY_QR_PREFIX) return null;
  const [, low, high, digits] = parts as [string, string, string, string];
  if (!ACCOUNT_ID.test(low) || !ACCOUNT_ID.test(high) || !(low < high) || !/^\d{60}$/.test(digits)) return null;
  return { accountIds: [low, high], digits };
}
