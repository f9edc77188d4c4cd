import { describe, expect, it } from 'vitest';
import { translator } from '../../catalogue';
import { statementMemo } from './statement-memo';

describe('statementMemo', () => {
  it('shows the server’s memos of shop payments and refunds in the person’s language', () => {
    const payment = { kind: 'merchant_payment', memo: 'Payment to Cafe Sonne' };
    const refund = { kind: 'merchant_refund', memo: 'Refund from Cafe Sonne' };
    expect(statementMemo(payment, translator('en'))).toBe('Payment to Cafe Sonne');
    expect(statementMemo(payment, translator('de'))).toBe('Zahlung an Cafe Sonne');
    expect(statementMemo(refund, translator('de'))).toBe('Erstattung von Cafe Sonne');
    expect(statementMemo(payment, translator('fr'))).toBe('Paiement à Cafe Sonne');
    expect(statementMemo(refund, translator('fr'))).toBe('Remboursement de Cafe Sonne');
    expect(statementMemo(payment, translator('zh'))).toBe('向 Cafe Sonne 付款');
    expect(statementMemo(refund, translator('zh'))).toBe('Cafe Sonne 的退款');
  });

  it('keeps what people typed, and lines without a memo have none', () => {
    expect(statementMemo({ kind: 'chat_transfer_hold', memo: 'Payment to Bob for pizza' }, translator('de'))).toBe(
      'Payment to Bob for pizza',
    );
    expect(statementMemo({ kind: 'merchant_payment', memo: null }, translator('de'))).toBeNull();
  });
});
