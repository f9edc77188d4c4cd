// IBAN checks before a withdrawal is sent: the ISO 13616 mod-97 checksum catches a mistyped or
// swapped digit at once, in the form, instead of as a 422 after the PIN. The server checks again.

/** Country code, two check digits, then 11-30 letters or digits (ISO 13616: 15-34 in all). */
const SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** The electronic form: spaces and dashes dropped, upper case ("de89 3704…" → "DE893704…"). */
export function normaliseIban(input: string): string {
  return input.replace(/[\s\u00a0\u202f-]/g, '').toUpperCase();
}

/** True when the IBAN has the right shape and its check digits fit (remainder 1 mod 97). */
export function isValidIban(input: string): boolean {
  const iban = normaliseIban(input);
  if (!SHAPE.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  // Letters become 10-35; the remainder is taken digit by digit, so no big integers are needed.
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** Groups of four for reading aloud or comparing: "DE89 3704 0044 0532 0130 00". */
export function formatIban(input: string): string {
  return normaliseIban(input).replace(/(.{4})(?=.)/g, '$1 ');
}
