// The memo of a wallet statement line as this person reads it. The server writes the memos of
// shop payments and refunds itself, in English ("Payment to Cafe Sonne", MerchantService); they
// are shown in the person's language, with the shop's name kept. Memos people typed themselves
// (transfers, red packets) are shown as they are.
import type { MessageKey, Translate } from '../../catalogue';
import type { StatementLine } from './wallet-api';

const SERVER_MEMOS: Readonly<Record<string, { pattern: RegExp; key: MessageKey }>> = {
  merchant_payment: { pattern: /^Payment to (.+)$/s, key: 'wallet.memo.paymentTo' },
  merchant_refund: { pattern: /^Refund from (.+)$/s, key: 'wallet.memo.refundFrom' },
};

export function statementMemo(line: Pick<StatementLine, 'kind' | 'memo'>, t: Translate): string | null {
  if (!line.memo) return null;
  const known = SERVER_MEMOS[line.kind];
  const merchant = known?.pattern.exec(line.memo)?.[1];
  return known && merchant ? t(known.key, { merchant }) : line.memo;
}
