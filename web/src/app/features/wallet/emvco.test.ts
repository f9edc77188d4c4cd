import { describe, expect, it } from 'vitest';
import { crc16Ccitt, decodeTlv, EmvcoError, readMerchantCode, verifiedObjects } from './emvco';

/** EMV QR Code Specification for Payment Systems (MPM) v1.1, Appendix A, with its published CRC. */
const EMVCO_SPECIFICATION_SAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q' +
  '31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输' +
  '0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A011223344998877' +
  '0708123456786304A13A';

function withCrc(withoutCrc: string): string {
  return withoutCrc + crc16Ccitt(withoutCrc);
}

const STATIC_CODE = withCrc(
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

describe('CRC and TLV', () => {
  it('matches the CRC of the specification sample', () => {
    expect(crc16Ccitt(EMVCO_SPECIFICATION_SAMPLE.slice(0, -4))).toBe('A13A');
    expect(
      verifiedObjects(EMVCO_SPECIFICATION_SAMPLE)
        .map((object) => object.tag)
        .slice(0, 4),
    ).toEqual(['00', '01', '29', '31']);
  });

  it('is CRC-16/CCITT-FALSE (check value of "123456789")', () => {
    expect(crc16Ccitt('123456789')).toBe('29B1');
  });

  it('refuses a damaged code and broken lengths', () => {
    const damaged = STATIC_CODE.replace('Berlin', 'Berlim');
    expect(() => verifiedObjects(damaged)).toThrow(new EmvcoError('crc'));
    expect(() => decodeTlv('0005abc')).toThrow(EmvcoError);
    expect(() => decodeTlv('0a02ab')).toThrow(EmvcoError);
  });

  it('refuses a foreign code (no Atrium template)', () => {
    expect(() => readMerchantCode(EMVCO_SPECIFICATION_SAMPLE)).toThrow(new EmvcoError('not-atrium'));
  });
});

describe('readMerchantCode', () => {
  it('reads a static code', () => {
    expect(readMerchantCode(` ${STATIC_CODE}\n`)).toEqual({
      pointOfInitiation: 'STATIC',
      merchantId: 'm_7f3a2c',
      orderReference: null,
      merchantName: 'Cafe Sonne',
      merchantCity: 'Berlin',
      categoryCode: '5812',
      amountCents: null,
      billNumber: null,
    });
  });

  it('reads a dynamic code with amount, order and bill number', () => {
    const code = withCrc(
      '000201010212' +
        '2636' +
        '0010dev.atrium' +
        '0108m_7f3a2c' +
        '0206ord-17' +
        '52045812' +
        '5303978' +
        '540512.30' +
        '5802DE' +
        '5910Cafe Sonne' +
        '6006Berlin' +
        '62080104B-99' +
        '6304',
    );
    expect(readMerchantCode(code)).toMatchObject({
      pointOfInitiation: 'DYNAMIC',
      orderReference: 'ord-17',
      amountCents: 1230,
      billNumber: 'B-99',
    });
  });

  it('refuses other currencies', () => {
    const dollars = withCrc(
      '000201010211' +
        '2626' +
        '0010dev.atrium' +
        '0108m_7f3a2c' +
        '52045812' +
        '5303840' +
        '5802DE' +
        '5910Cafe Sonne' +
        '6006Berlin' +
        '6304',
    );
    expect(() => readMerchantCode(dollars)).toThrow(new EmvcoError('currency'));
  });
});
