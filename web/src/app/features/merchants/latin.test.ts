import { describe, expect, it } from 'vitest';
import { hasLettersWithoutLatinForm } from './latin';

describe('hasLettersWithoutLatinForm', () => {
  it('accepts Latin names with accents, digits and punctuation', () => {
    for (const name of ['Straßenverkäufer', 'Łukasz & Co.', 'Crème brûlée 24', 'Příliš žluťoučký kůň', '']) {
      expect(hasLettersWithoutLatinForm(name), name).toBe(false);
    }
  });

  it('finds letters of other scripts, alone or among Latin ones', () => {
    for (const name of ['老王面馆', '老王 Noodles', 'Москва', 'Αθήνα']) {
      expect(hasLettersWithoutLatinForm(name), name).toBe(true);
    }
  });
});
