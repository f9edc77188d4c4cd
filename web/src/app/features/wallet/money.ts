// Euro amounts as integer cents: parsing what people type and formatting for the UI language.
// No floating point anywhere: "0.29" is 29 cents, not 28.999999999999996.

/** The largest amount the parser accepts: 10^12 cents, far below Number.MAX_SAFE_INTEGER. */
export const CENTS_MAX = 1_000_000_000_000;

/**
 * Cents from what a person typed: "12", "12,3", "12.34", "€ 12,34", "1.234,56", "1,234.56",
 * "1 234,56". Comma or point is the decimal separator (at most two decimals); grouping is only
 * understood together with decimals (or as 1'234), since "1.234" alone could mean either. Returns null for
 * anything else, for zero and negative amounts, and above {@link CENTS_MAX}.
 */
export function parseCents(input: string): number | null {
  const text = input.replace(/[\s\u00a0\u202f€]/g, '');
  let whole: string;
  let fraction: string;
  const plain = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  // Grouped thousands with one separator throughout, then optionally the decimals.
  const grouped = /^(\d{1,3}(?:([.,'])\d{3})(?:\2\d{3})*)(?:([.,])(\d{1,2}))?$/.exec(text);
  if (plain) {
    whole = plain[1]!;
    fraction = plain[2] ?? '';
  } else if (grouped && grouped[2] !== grouped[3] && (grouped[3] !== undefined || grouped[2] === "'")) {
    whole = grouped[1]!.replace(/[.,']/g, '');
    fraction = grouped[4] ?? '';
  } else {
    return null;
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  if (whole.length > 13) return null;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (cents < 1 || cents > CENTS_MAX) return null;
  return cents;
}

const formats = new Map<string, Intl.NumberFormat>();

function euroFormat(language: string): Intl.NumberFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' });
    formats.set(language, format);
  }
  return format;
}

/** The exact decimal text of an integer amount of cents: -1234 -> "-12.34". */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * An amount in euros for the UI language ("12,34 €", "€12.34", "€12.34" in Chinese). Intl
 * formats the exact decimal string, so no binary fraction is ever rounded.
 */
export function formatCents(cents: number, language: string): string {
  // Intl.NumberFormat takes decimal strings as exact values (ECMA-402 2023); older engines
  // convert the string to a number, which for cents below 2^53 / 100 still rounds right.
  return euroFormat(language).format(centsToDecimal(cents) as unknown as number);
}

/** An amount with an explicit sign, for statement lines: "+12,34 €", "−5,00 €". */
export function formatSignedCents(cents: number, language: string): string {
  const formatted = formatCents(Math.abs(cents), language);
  if (cents > 0) return `+${formatted}`;
  if (cents < 0) return `\u2212${formatted}`;
  return formatted;
}
