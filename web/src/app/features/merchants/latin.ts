// Shop QR codes (EMVCo tags 59 and 60) and SEPA files carry Latin letters only. The server
// transliterates accented Latin letters itself (ß → ss, Ł → L, é → e); letters of other scripts
// have no such form, so the merchant gives the Latin name they go by.

/** True when the text has a letter of a script other than Latin (Chinese, Cyrillic, Greek, ...). */
export function hasLettersWithoutLatinForm(text: string): boolean {
  return /(?!\p{Script=Latin})\p{L}/u.test(text);
}
