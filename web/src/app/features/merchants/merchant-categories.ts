// The merchant category codes (ISO 18245) a shop picks from by name, so an applicant never has to
// know that a restaurant is 5812; "Other" still takes any four-digit code.
import type { MessageKey } from '../../catalogue';

export interface MerchantCategory {
  code: string;
  label: MessageKey;
}

/** The common kinds of small shop, most common first. */
export const MERCHANT_CATEGORIES: readonly MerchantCategory[] = [
  { code: '5812', label: 'pay.merchant.mcc.restaurant' },
  { code: '5814', label: 'pay.merchant.mcc.fastFood' },
  { code: '5462', label: 'pay.merchant.mcc.bakery' },
  { code: '5813', label: 'pay.merchant.mcc.bar' },
  { code: '5411', label: 'pay.merchant.mcc.grocery' },
  { code: '5499', label: 'pay.merchant.mcc.foodShop' },
  { code: '5651', label: 'pay.merchant.mcc.clothing' },
  { code: '5661', label: 'pay.merchant.mcc.shoes' },
  { code: '5942', label: 'pay.merchant.mcc.books' },
  { code: '5992', label: 'pay.merchant.mcc.florist' },
  { code: '5912', label: 'pay.merchant.mcc.pharmacy' },
  { code: '7230', label: 'pay.merchant.mcc.hairdresser' },
  { code: '4121', label: 'pay.merchant.mcc.taxi' },
  { code: '7011', label: 'pay.merchant.mcc.hotel' },
  { code: '7299', label: 'pay.merchant.mcc.services' },
];

/** The select's value for "Other (enter code)". */
export const OTHER_CATEGORY = 'other';

/** The code to send: the chosen category's, or for "Other" the typed one (trimmed). */
export function categoryCodeOf(choice: string, typed: string): string {
  return choice === OTHER_CATEGORY ? typed.trim() : choice;
}

/** Whether a code is a well-formed merchant category code: exactly four digits. */
export function isCategoryCode(code: string): boolean {
  return /^\d{4}$/.test(code);
}
