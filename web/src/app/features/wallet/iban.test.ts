import { describe, expect, it } from 'vitest';
import { formatIban, isValidIban, normaliseIban } from './iban';

describe('isValidIban', () => {
  it.each([
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'de89 3704 0044 0532 0130 00',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'AT611904300234573201',
    'NL91ABNA0417164300',
    'CH9300762011623852957',
    'BE68539007547034',
    'MT84MALT011000012345MTLCAST001S',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['a changed digit', 'DE89370400440532013001'],
    ['swapped digits', 'DE89370400440523013000'],
    ['wrong check digits', 'DE88370400440532013000'],
    ['too short', 'DE8937040044'],
    ['too long', 'DE8937040044053201300012345678901234'],
    ['no country', '8937040044053201300000'],
    ['other characters', 'DE89370400440532013.00'],
    ['empty', ''],
  ])('rejects %s', (_why, iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it('catches every single-digit change of a valid IBAN', () => {
    const valid = 'DE89370400440532013000';
    for (let i = 4; i < valid.length; i++) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = valid.slice(0, i) + digit + valid.slice(i + 1);
        expect(isValidIban(changed)).toBe(changed === valid);
      }
    }
  });
});

describe('IBAN forms', () => {
  it('normalises and groups', () => {
    expect(normaliseIban(' de89-3704 0044\u00a00532 0130 00 ')).toBe('DE89370400440532013000');
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});
