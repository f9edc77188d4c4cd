// The composer's payment forms. "Send money" (1:1 chats) and "Red packet" (any chat) first make
// the payment on the server — amount, PIN, an Idempotency-Key that stays while the user retries
// the same request — and only then queue the E2E card that references it. Retrying after a lost
// answer gets the same payment back from the server, and its card is queued then.
import { useRef, useState } from 'preact/hooks';
import { useAction } from '../hooks';
import { useApp } from '../state';
import { isPin, PinInput, WalletErrorText } from '../screens/wallet/common';
import { PaymentThenCard, redPacketRef, transferRef } from '../wallet/chat-payments';
import { IdempotentAction } from '../wallet/idempotency';
import { formatCents, parseCents } from '../wallet/money';
import type { ChatEngine } from './engine';
import { useChatPaymentsApi } from './payment-cards';
import { PAYMENT_MEMO_CHARS_MAX } from './payment-message';

/** The most shares the form offers; the server also caps them by the chat's members. */
export const RED_PACKET_SHARES_MAX = 100;

interface Props {
  mode: 'transfer' | 'red-packet';
  conversationId: string;
  engine: ChatEngine;
  /** In a 1:1 chat a red packet has one share: only the other person may claim. */
  inGroup: boolean;
  /** The members of the chat, the most shares a group's red packet can have. */
  memberCount: number;
  onDone: () => void;
}

type Problem = { key: 'wallet.amountInvalid' | 'chatpay.pinFormat' | 'chatpay.countInvalid' | 'chatpay.totalTooSmall';
  params?: Record<string, string | number> };

/**
 * What is wrong with a red packet's total and count before asking the server, if anything.
 * `sharesMax`: who may claim (the other person in a 1:1 chat, every member of a group).
 */
export function redPacketProblem(totalCents: number | null, count: number, language: string,
  sharesMax = RED_PACKET_SHARES_MAX): Problem | null {
  const max = Math.max(1, Math.min(sharesMax, RED_PACKET_SHARES_MAX));
  if (totalCents === null) return { key: 'wallet.amountInvalid' };
  if (!Number.isSafeInteger(count) || count < 1 || count > max) {
    return { key: 'chatpay.countInvalid', params: { max } };
  }
  if (totalCents < count) return { key: 'chatpay.totalTooSmall', params: { min: formatCents(count, language) } };
  return null;
}

export function PaymentComposer({ mode, conversationId, engine, inGroup, memberCount, onDone }: Props) {
  const { t, language } = useApp();
  const paymentsApi = useChatPaymentsApi();
  const action = useAction();
  const transfers = useRef(new IdempotentAction<unknown>());
  const packets = useRef(new IdempotentAction<unknown>());
  const paymentThenCard = useRef(new PaymentThenCard());
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [count, setCount] = useState(inGroup ? '2' : '1');
  const [split, setSplit] = useState<'equal' | 'lucky'>('lucky');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const sharesMax = inGroup ? Math.min(memberCount, RED_PACKET_SHARES_MAX) : 1;

  const submit = async (event: Event) => {
    event.preventDefault();
    const cents = parseCents(amount);
    const note = memo.trim() || undefined;
    const found = mode === 'transfer'
      ? (cents === null ? { key: 'wallet.amountInvalid' } as Problem : null)
      : redPacketProblem(cents, Number(count), language, sharesMax);
    setProblem(found ?? (isPin(pin) ? null : { key: 'chatpay.pinFormat' }));
    if (found || !isPin(pin) || cents === null) return;
    const create = async () => {
      if (mode === 'transfer') {
        const request = { conversationId, amountCents: cents, memo: note };
        return transferRef(await transfers.current.run(request,
          (key) => paymentsApi.createTransfer({ ...request, pin }, key)));
      }
      const request = { conversationId, totalCents: cents, count: Number(count), split, memo: note };
      return redPacketRef(await packets.current.run(request,
        (key) => paymentsApi.createRedPacket({ ...request, pin }, key)));
    };
    const done = await action.run(async () => {
      await paymentThenCard.current.run(create, (ref) => engine.sendPayment(conversationId, ref));
      return true;
    });
    if (done) {
      setPin('');
      onDone();
    }
  };

  return (
    <form class="form card padded payment-form" onSubmit={submit}
      data-testid={mode === 'transfer' ? 'send-money-form' : 'red-packet-form'}>
      <label>
        {mode === 'transfer' ? t('wallet.amount') : t('chatpay.total')}
        <input name="amount" inputMode="decimal" autocomplete="off" required value={amount}
          onInput={(e) => setAmount(e.currentTarget.value)} />
        <small>{t('wallet.amountHint')}</small>
      </label>
      {mode === 'red-packet' && (
        <>
          <label>
            {t('chatpay.count')}
            <input name="count" type="number" inputMode="numeric" min={1} max={sharesMax} required
              value={count} onInput={(e) => setCount(e.currentTarget.value)} />
          </label>
          <div class="inline" role="radiogroup">
            <label><input type="radio" name="split" value="lucky" checked={split === 'lucky'}
              onChange={() => setSplit('lucky')} /> {t('chatpay.splitLucky')}</label>
            <label><input type="radio" name="split" value="equal" checked={split === 'equal'}
              onChange={() => setSplit('equal')} /> {t('chatpay.splitEqual')}</label>
          </div>
        </>
      )}
      <label>
        {t('chatpay.note')}
        <input name="memo" autocomplete="off" maxLength={PAYMENT_MEMO_CHARS_MAX} value={memo}
          onInput={(e) => setMemo(e.currentTarget.value)} />
      </label>
      <PinInput name="paymentPin" label={t('chatpay.pin')} value={pin} onInput={setPin} />
      {problem && <p class="error" role="alert" data-testid="error">{t(problem.key, problem.params)}</p>}
      <WalletErrorText error={action.error} />
      <div class="inline">
        <button type="submit" class="primary" disabled={action.busy} data-testid="payment-submit">
          {mode === 'transfer' ? t('chatpay.sendSubmit') : t('chatpay.packetSubmit')}
        </button>
        <button type="button" onClick={onDone}>{t('chatpay.close')}</button>
      </div>
    </form>
  );
}
