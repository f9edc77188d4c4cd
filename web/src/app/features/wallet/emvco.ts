// Reads a scanned EMVCo merchant-presented QR payload before paying it, so the payer sees whom
// and how much before typing the PIN: top-level TLV objects (two-digit tag, two-digit length,
// value), the tag-63 CRC16-CCITT over everything before the CRC value, Atrium's merchant account
// template (globally unique id "dev.atrium" in tags 26-51). The server decodes it again when paying.

export const ATRIUM_GLOBALLY_UNIQUE_ID = 'dev.atrium';
const PAYLOAD_LENGTH_MAX = 512;

export interface TlvObject {
  tag: string;
  value: string;
}

export interface ScannedMerchantCode {
  /** STATIC: the payer types the amount; DYNAMIC: the amount is fixed and payable once. */
  pointOfInitiation: 'STATIC' | 'DYNAMIC';
  merchantId: string;
  orderReference: string | null;
  merchantName: string;
  merchantCity: string;
  categoryCode: string | null;
  amountCents: number | null;
  billNumber: string | null;
}

export class EmvcoError extends Error {
  constructor(readonly reason: 'format' | 'crc' | 'not-atrium' | 'currency') {
    super(reason);
  }
}

/** Splits TLV text; lengths count characters, as EMVCo's do. */
export function decodeTlv(text: string): TlvObject[] {
  const chars = Array.from(text);
  const objects: TlvObject[] = [];
  let at = 0;
  while (at < chars.length) {
    const head = chars.slice(at, at + 4).join('');
    if (!/^\d{4}$/.test(head)) throw new EmvcoError('format');
    const length = Number(head.slice(2));
    if (at + 4 + length > chars.length) throw new EmvcoError('format');
    objects.push({ tag: head.slice(0, 2), value: chars.slice(at + 4, at + 4 + length).join('') });
    at += 4 + length;
  }
  return objects;
}

/** CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF) over the UTF-8 bytes, as four upper-case hex digits. */
export function crc16Ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** The top-level objects of any EMVCo payload whose tag-63 CRC is right. */
export function verifiedObjects(payload: string): TlvObject[] {
  if (payload.length < 8 || payload.length > PAYLOAD_LENGTH_MAX) throw new EmvcoError('format');
  const objects = decodeTlv(payload);
  const last = objects[objects.length - 1];
  if (!last || last.tag !== '63' || last.value.length !== 4) throw new EmvcoError('format');
  if (crc16Ccitt(payload.slice(0, -4)) !== last.value.toUpperCase()) throw new EmvcoError('crc');
  return objects;
}

const valueOf = (objects: TlvObject[], tag: string) => objects.find((object) => object.tag === tag)?.value ?? null;

/** Euro cents from tag 54 ("23.72" → 2372), exactly; null when absent. */
export function parseEmvcoAmount(text: string | null): number | null {
  if (text === null) return null;
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new EmvcoError('format');
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** An Atrium merchant code from scanned text (surrounding white space ignored). */
export function readMerchantCode(scanned: string): ScannedMerchantCode {
  const payload = scanned.trim();
  const objects = verifiedObjects(payload);
  if (objects[0]?.tag !== '00' || objects[0].value !== '01') throw new EmvcoError('format');
  const account = objects
    .filter((object) => Number(object.tag) >= 26 && Number(object.tag) <= 51)
    .map((object) => {
      try {
        return decodeTlv(object.value);
      } catch {
        return null;
      }
    })
    .find((inner) => inner !== null && valueOf(inner, '00')?.toLowerCase() === ATRIUM_GLOBALLY_UNIQUE_ID);
  const merchantId = account ? valueOf(account, '01') : null;
  if (!account || !merchantId) throw new EmvcoError('not-atrium');
  if (valueOf(objects, '53') !== '978') throw new EmvcoError('currency');
  const additional = valueOf(objects, '62');
  return {
    pointOfInitiation: valueOf(objects, '01') === '12' ? 'DYNAMIC' : 'STATIC',
    merchantId,
    orderReference: valueOf(account, '02'),
    merchantName: valueOf(objects, '59') ?? '',
    merchantCity: valueOf(objects, '60') ?? '',
    categoryCode: valueOf(objects, '52'),
    amountCents: parseEmvcoAmount(valueOf(objects, '54')),
    billNumber: additional ? valueOf(decodeTlv(additional), '01') : null,
  };
}
