import { describe, expect, it } from 'vitest';
import { CENTS_MAX, centsToDecimal, formatCents, formatSignedCents, parseCents } from './money';

describe('parseCents', () => {
  it.each([
    ['12', 1_200],
    ['12,34', 1_234],
    ['12.34', 1_234],
    ['12,3', 1_230],
    ['0.01', 1],
    ['0,29', 29],
    ['1.10', 110],
    ['  7 ', 700],
    ['€ 12,34', 1_234],
    ['12,34 €', 1_234],
    ['1.234,56', 123_456],
    ['1,234.56', 123_456],
    ['1 234,56', 123_456],
    ['1\u202f234,56', 123_456],
    ['1.234.567,89', 123_456_789],
    ["1'234", 123_400],
    ['007,50', 750],
  ])('%s is %i cents', (input, cents) => {
    expect(parseCents(input)).toBe(cents);
  });

  it('is exact where binary floating point is not (0.29 * 100 = 28.999…)', () => {
    for (let cents = 1; cents <= 10_000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      expect(parseCents(text)).toBe(cents);
      expect(parseCents(text.replace('.', ','))).toBe(cents);
    }
  });

  it.each([
    '',
    ' ',
    'abc',
    '12,345',
    '1.234',
    '1,234',
    '12.',
    ',5',
    '.5',
    '-5',
    '+5',
    '0',
    '0,00',
    '1e3',
    '12,34,56',
    '1.234.56',
    '1,234,56',
    '12..3',
    'Infinity',
    'NaN',
    '0x10',
    '1.2.3,45',
  ])('rejects %j', (input) => {
    expect(parseCents(input)).toBeNull();
  });

  it('accepts the largest amount and nothing above it', () => {
    expect(parseCents('10000000000')).toBe(CENTS_MAX);
    expect(parseCents('10000000000,01')).toBeNull();
    expect(parseCents('99999999999999999999')).toBeNull();
  });
});

describe('formatting', () => {
  it('writes cents as an exact decimal', () => {
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(1234)).toBe('12.34');
    expect(centsToDecimal(-1234)).toBe('-12.34');
    expect(centsToDecimal(900_719_925_474_099)).toBe('9007199254740.99');
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
  });

  it('formats euros in each UI language', () => {
    const normalise = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(formatCents(123_456, 'en')).toBe('€1,234.56');
    expect(normalise(formatCents(123_456, 'de'))).toBe('1.234,56 €');
    expect(normalise(formatCents(123_456, 'fr'))).toBe('1 234,56 €');
    expect(formatCents(123_456, 'zh')).toBe('€1,234.56');
    expect(formatCents(29, 'en')).toBe('€0.29');
  });

  it('formats amounts too large for a float with two exact decimals', () => {
    expect(formatCents(900_719_925_474_099, 'en')).toBe('€9,007,199,254,740.99');
  });

  it('signs statement amounts', () => {
    expect(formatSignedCents(500, 'en')).toBe('+€5.00');
    expect(formatSignedCents(-500, 'en')).toBe('\u2212€5.00');
    expect(formatSignedCents(0, 'en')).toBe('€0.00');
  });
});
