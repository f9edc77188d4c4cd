// What a code scanned in Discover → Scan is, among every code Atrium makes, and where it leads:
//   a contact's code        <server>/c/<token>            (contacts: My code)
//   a device-link code      <server>/link/dl_…            (devices: a new browser's login QR)
//   a shop's payment code   EMVCo text, Atrium template   (merchants: static and dynamic codes)
//   a safety number code    ATRIUM-SN1:<id>:<id>:<digits> (trust: a contact's safety number)
// Anything else is "not an Atrium code". Each kind is read by its own feature's parser, so a
// change to a code's format changes what Scan recognises too.
import { parseSafetyQr } from '../chat';
import { contactLinkTokenOf } from '../contacts';
import { deviceLinkCodeOf } from '../devices';
import { EmvcoError, readMerchantCode } from '../wallet';

export type ScannedCode =
  | { kind: 'contact'; token: string }
  | { kind: 'device-link'; code: string }
  | { kind: 'merchant'; payload: string }
  /** `peerId`: the other person; null when the code is for two other people. */
  | { kind: 'safety-number'; peerId: string | null; text: string }
  /** An EMVCo payment code, but not one Atrium can pay (another provider, another currency, damaged). */
  | { kind: 'foreign-payment'; reason: EmvcoError['reason'] }
  | { kind: 'unknown' };

/** Classifies scanned or pasted text; `ownAccountId` tells whose safety number code it is. */
export function classifyScannedCode(text: string, ownAccountId: string): ScannedCode {
  const trimmed = text.trim();
  const token = contactLinkTokenOf(trimmed);
  if (token) return { kind: 'contact', token };
  // A device link is a URL with /link/; a bare "dl_…" is only accepted on the link screen itself.
  if (/\/link\/dl_/.test(trimmed)) {
    const code = deviceLinkCodeOf(trimmed);
    if (code) return { kind: 'device-link', code };
  }
  const safety = parseSafetyQr(trimmed);
  if (safety) {
    const [low, high] = safety.accountIds;
    const peerId = low === ownAccountId ? high : high === ownAccountId ? low : null;
    return { kind: 'safety-number', peerId, text: trimmed };
  }
  // Every EMVCo merchant-presented code starts with its payload format indicator, 00 02 01.
  if (trimmed.startsWith('000201')) {
    try {
      readMerchantCode(trimmed);
      return { kind: 'merchant', payload: trimmed };
    } catch (error) {
      if (error instanceof EmvcoError) return { kind: 'foreign-payment', reason: error.reason };
      throw error;
    }
  }
  return { kind: 'unknown' };
}

/** The route a recognised code opens; null for the codes that only get a message. */
export function routeOfScannedCode(code: ScannedCode): string | null {
  switch (code.kind) {
    case 'contact':
      return `/c/${code.token}`;
    case 'device-link':
      return `/link/${code.code}`;
    case 'merchant':
      return `/discover/scan/pay/${encodeURIComponent(code.payload)}`;
    case 'safety-number':
      return code.peerId ? `/contacts/safety/${code.peerId}/${encodeURIComponent(code.text)}` : null;
    default:
      return null;
  }
}
