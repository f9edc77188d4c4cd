// Real examples of each code, in the form its producer makes it: the server's contact link and
// device link URLs, the server's EMVCo static code (MerchantPresentedQr), the client's safety QR.
import { describe, expect, it } from 'vitest';
import { safetyQrText } from '../chat/trust/safety-qr';
import { crc16Ccitt } from '../wallet/emvco';
import { classifyScannedCode, routeOfScannedCode } from './scanned-code';

const ME = 'acc_0Mh2Q7x9Lr4Tz1Ks8Vw3Nb';
const PEER = 'acc_9Zy8Xw7Vu6Ts5Rq4Po3Nm2';

function withCrc(withoutCrc: string): string {
  return withoutCrc + crc16Ccitt(withoutCrc);
}

/** As MerchantPresentedQr writes a shop's static code: template 26 with dev.atrium, euro, Germany. */
const SHOP_CODE = withCrc(
  '000201010211' +
    '2626' +
    '0010dev.atrium' +
    '0108m_7f3a2c' +
    '52045812' +
    '5303978' +
    '5802DE' +
    '5910Cafe Sonne' +
    '6006Berlin' +
    '6304',
);
/** A code of another payment provider: EMVCo, but no Atrium template. */
const FOREIGN_CODE = withCrc(
  '000201010211' +
    '2920' +
    '0012D15600000000' +
    '0100' +
    '52045812' +
    '5303978' +
    '5802DE' +
    '5910Cafe Sonne' +
    '6006Berlin' +
    '6304',
);
const NUMBER = '12345 67890 12345 67890 12345 67890 12345 67890 12345 67890 12345 67890';

describe('classifyScannedCode', () => {
  it('a contact’s code opens adding that person', () => {
    const code = classifyScannedCode('https://atrium.example/c/q7Zt0xKcV3mN9pLw2R8sYb', ME);
    expect(code).toEqual({ kind: 'contact', token: 'q7Zt0xKcV3mN9pLw2R8sYb' });
    expect(routeOfScannedCode(code)).toBe('/c/q7Zt0xKcV3mN9pLw2R8sYb');
  });

  it('a new device’s login code opens its approval', () => {
    const code = classifyScannedCode('http://127.0.0.1:8080/link/dl_AbCdEfGhIjKlMnOpQrStUvWxYz012345', ME);
    expect(code).toEqual({ kind: 'device-link', code: 'dl_AbCdEfGhIjKlMnOpQrStUvWxYz012345' });
    expect(routeOfScannedCode(code)).toBe('/link/dl_AbCdEfGhIjKlMnOpQrStUvWxYz012345');
  });

  it('a shop’s payment code opens the payment with the code', () => {
    const code = classifyScannedCode(` ${SHOP_CODE}\n`, ME);
    expect(code).toEqual({ kind: 'merchant', payload: SHOP_CODE });
    expect(decodeURIComponent(routeOfScannedCode(code)!.replace('/discover/scan/pay/', ''))).toBe(SHOP_CODE);
  });

  it('a safety number code opens the verification of the other person, whichever order the ids are in', () => {
    for (const [a, b] of [
      [ME, PEER],
      [PEER, ME],
    ] as const) {
      const text = safetyQrText(a, b, NUMBER);
      const code = classifyScannedCode(text, ME);
      expect(code).toEqual({ kind: 'safety-number', peerId: PEER, text });
      expect(routeOfScannedCode(code)).toBe(`/contacts/safety/${PEER}/${encodeURIComponent(text)}`);
    }
  });

  it('a safety number code of two other people opens nothing', () => {
    const code = classifyScannedCode(safetyQrText(PEER, 'acc_other', NUMBER), ME);
    expect(code).toMatchObject({ kind: 'safety-number', peerId: null });
    expect(routeOfScannedCode(code)).toBeNull();
  });

  it('another provider’s payment code, or a damaged shop code, is told apart from anything else', () => {
    expect(classifyScannedCode(FOREIGN_CODE, ME)).toEqual({ kind: 'foreign-payment', reason: 'not-atrium' });
    expect(classifyScannedCode(SHOP_CODE.replace('Berlin', 'Berlim'), ME)).toEqual({
      kind: 'foreign-payment',
      reason: 'crc',
    });
  });

  it('anything else is not an Atrium code', () => {
    for (const text of [
      'https://example.com/',
      'hello',
      '',
      'dl_AbCdEfGhIjKlMnOpQrStUvWxYz012345',
      'https://atrium.example/c/short',
      'ATRIUM-SN1:a:b:123',
      'WIFI:S:home;T:WPA;P:secret;;',
    ]) {
      expect(classifyScannedCode(text, ME)).toEqual({ kind: 'unknown' });
    }
  });
});
