import { describe, expect, it } from 'vitest';
import { translator } from '../../catalogue';
import { LANGUAGES } from '../../i18n/i18n';
import { categoryCodeOf, isCategoryCode, MERCHANT_CATEGORIES, OTHER_CATEGORY } from './merchant-categories';

describe('merchant categories', () => {
  it('offers the common kinds of shop with their ISO 18245 codes, each code once', () => {
    const byCode = new Map(MERCHANT_CATEGORIES.map((category) => [category.code, category.label]));
    expect(byCode.size).toBe(MERCHANT_CATEGORIES.length);
    const en = translator('en');
    expect(en(byCode.get('5812')!)).toBe('Restaurant');
    expect(en(byCode.get('5411')!)).toBe('Grocery store, supermarket');
    expect(en(byCode.get('5462')!)).toBe('Café, bakery');
    expect(en(byCode.get('5651')!)).toBe('Clothing');
    expect(en(byCode.get('7230')!)).toBe('Hairdresser, beauty salon');
    expect(en(byCode.get('4121')!)).toBe('Taxi');
    for (const category of MERCHANT_CATEGORIES) expect(isCategoryCode(category.code)).toBe(true);
  });

  it('names every category in every language', () => {
    for (const language of LANGUAGES) {
      const t = translator(language);
      for (const category of MERCHANT_CATEGORIES) expect(t(category.label)).not.toBe(category.label);
    }
  });

  it('sends the chosen code, or the typed one for "Other"', () => {
    expect(categoryCodeOf('5411', '9999')).toBe('5411');
    expect(categoryCodeOf(OTHER_CATEGORY, ' 5977 ')).toBe('5977');
    expect(isCategoryCode('59a7')).toBe(false);
  });
});
