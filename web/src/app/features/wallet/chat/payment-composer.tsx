// The chat's payment sheets. "Send money" (1:1 chats) and "Red packet" (any chat) open as a
// bottom sheet over the chat. Someone without a payment PIN sets one in the sheet first and then
// goes on with the payment, without leaving the chat. The payment is made on the server first —
// amount, PIN, an Idempotency-Key that stays while the user retries the same request — and only
// then is the E2E card that references it queued. Retrying after a lost answer gets the same
// payment back from the server, and its card is queued then.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../api/client';
import { Loading } from '../../../components/shell';
import { Sheet } from '../../../components/sheet';
import { useAction, useLoad } from '../../../hooks';
import { useApp } from '../../../state';
import { isPin, PinInput, useWalletApi, WalletErrorText } from '../common';
import { PaymentThenCard, redPacketRef, transferRef } from './chat-payments';
import { IdempotentAction } from '../idempotency';
import { formatCents, parseCents } from '../money';
import { useChatPaymentsApi } from './payment-cards';
import { PAYMENT_MEMO_CHARS_MAX, type PaymentRef } from './payment-message';

/** The most shares the form offers; the server also caps them by the chat's members. */
export const RED_PACKET_SHARES_MAX = 100;

export type PaymentMode = 'transfer' | 'red-packet';

interface Props {
  mode: PaymentMode;
  conversationId: string;
  /** Queues the payment's card in the chat (the chat engine's `sendPayment`). */
  sendCard: (payment: PaymentRef) => Promise<void>;
  /** In a 1:1 chat a red packet has one share: only the other person may claim. */
  inGroup: boolean;
  /** The members of the chat, the most shares a group's red packet can have. */
  memberCount: number;
  /** The sheet closes: the payment went through, or the user closed it. */
  onClose: () => void;
}

type Problem = {
  key: 'wallet.amountInvalid' | 'chatpay.pinFormat' | 'chatpay.countInvalid' | 'chatpay.totalTooSmall';
  params?: Record<string, string | number>;
};

/**
 * What is wrong with a red packet's total and count before asking the server, if anything.
 * `sharesMax`: who may claim (the other person in a 1:1 chat, every member of a group).
 */
export function redPacketProblem(
  totalCents: number | null,
  count: number,
  language: string,
  sharesMax = RED_PACKET_SHARES_MAX,
): Problem | null {
  const max = Math.max(1, Math.min(sharesMax, RED_PACKET_SHARES_MAX));
  if (totalCents === null) return { key: 'wallet.amountInvalid' };
  if (!Number.isSafeInteger(count) || count < 1 || count > max) {
    return { key: 'chatpay.countInvalid', params: { max } };
  }
  if (totalCents < count) return { key: 'chatpay.totalTooSmall', params: { min: formatCents(count, language) } };
  return null;
}

/** Runs `work` as `action` (which shows its error) and tells whether it worked, or the API's error code. */
async function runShowingError(
  action: ReturnType<typeof useAction>,
  work: () => Promise<unknown>,
): Promise<{ done: boolean; code: string | null }> {
  let code: string | null = null;
  const done = await action.run(async () => {
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiError) code = error.code;
      throw error;
    }
    return true;
  });
  return { done: done === true, code };
}

/**
 * The sheet for one payment. Its first step is setting a payment PIN when the wallet has none (or
 * the server says so on paying). The payment step's PIN field starts empty every time, also right
 * after setting the PIN: the PIN is typed to confirm each payment, never kept by the form.
 */
export function PaymentSheet({ mode, onClose, ...rest }: Props) {
  const { t } = useApp();
  const walletApi = useWalletApi();
  // Only whether a PIN is set matters here; a failed load shows the payment, whose refusal
  // (pin_not_set) still leads to the PIN step.
  const wallet = useLoad(() => walletApi.getWallet());
  const [pinRefused, setPinRefused] = useState(false);
  // Set by the PIN step: true when this sheet saved the PIN, false when it was set elsewhere meanwhile.
  const [pinSetHere, setPinSetHere] = useState<boolean | null>(null);
  const pinMissing = pinSetHere === null && (pinRefused || wallet.data?.pinSet === false);
  const step = pinMissing ? 'pin' : wallet.loading && !wallet.data ? 'loading' : 'payment';
  const title =
    step === 'pin' ? t('chatpay.pinSetupTitle') : mode === 'transfer' ? t('chatpay.sendMoney') : t('chatpay.redPacket');
  return (
    <Sheet title={title} onClose={onClose} step={step} testId="payment-sheet">
      {step === 'loading' && <Loading />}
      {step === 'pin' && (
        <PinSetupForm
          onSaved={(saved) => {
            setPinSetHere(saved);
            setPinRefused(false);
          }}
        />
      )}
      {step === 'payment' && (
        <PaymentForm
          mode={mode}
          onClose={onClose}
          {...rest}
          pinJustSet={pinSetHere === true}
          onPinMissing={() => setPinRefused(true)}
        />
      )}
    </Sheet>
  );
}

/** A first payment PIN, typed twice; `onSaved(true)` once the server has it, `onSaved(false)` if one was set elsewhere. */
function PinSetupForm({ onSaved }: { onSaved: (saved: boolean) => void }) {
  const { t } = useApp();
  const walletApi = useWalletApi();
  const action = useAction();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<'wallet.pinFormat' | 'wallet.pinMismatch' | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = !isPin(pin) ? 'wallet.pinFormat' : pin !== repeat ? 'wallet.pinMismatch' : null;
    setProblem(found);
    if (found) return;
    const result = await runShowingError(action, () => walletApi.setPaymentPin({ pin }));
    if (result.done) onSaved(true);
    // Set meanwhile (on another device): the payment step asks for that PIN.
    else if (result.code === 'pin_already_set') onSaved(false);
  };

  return (
    <form class="form payment-form" onSubmit={submit} data-testid="pin-setup-form">
      <p class="muted">{t('chatpay.pinSetupExplain')}</p>
      <PinInput name="pin" label={t('wallet.pinNew')} value={pin} onInput={setPin} />
      <PinInput name="pinRepeat" label={t('wallet.pinRepeat')} value={repeat} onInput={setRepeat} />
      {problem && (
        <p class="error" role="alert" data-testid="error">
          {t(problem)}
        </p>
      )}
      <WalletErrorText error={action.error} />
      <button type="submit" class="primary" disabled={action.busy} data-testid="pin-setup-submit">
        {t('chatpay.pinSetupSubmit')}
      </button>
    </form>
  );
}

function PaymentForm({
  mode,
  conversationId,
  sendCard,
  inGroup,
  memberCount,
  onClose,
  pinJustSet,
  onPinMissing,
}: Props & {
  /** The PIN was just set in this sheet: say so (the field stays empty all the same). */
  pinJustSet: boolean;
  onPinMissing: () => void;
}) {
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
    const found =
      mode === 'transfer'
        ? cents === null
          ? ({ key: 'wallet.amountInvalid' } as Problem)
          : null
        : redPacketProblem(cents, Number(count), language, sharesMax);
    setProblem(found ?? (isPin(pin) ? null : { key: 'chatpay.pinFormat' }));
    if (found || !isPin(pin) || cents === null) return;
    const create = async () => {
      if (mode === 'transfer') {
        const request = { conversationId, amountCents: cents, memo: note };
        return transferRef(
          await transfers.current.run(request, (key) => paymentsApi.createTransfer({ ...request, pin }, key)),
        );
      }
      const request = { conversationId, totalCents: cents, count: Number(count), split, memo: note };
      return redPacketRef(
        await packets.current.run(request, (key) => paymentsApi.createRedPacket({ ...request, pin }, key)),
      );
    };
    const result = await runShowingError(action, () => paymentThenCard.current.run(create, sendCard));
    if (result.done) {
      setPin('');
      onClose();
    } else if (result.code === 'pin_not_set') {
      onPinMissing();
    }
  };

  return (
    <form
      class="form payment-form"
      onSubmit={submit}
      data-testid={mode === 'transfer' ? 'send-money-form' : 'red-packet-form'}
    >
      {pinJustSet && (
        <p class="success" role="status" data-testid="pin-setup-saved">
          {t('chatpay.pinSetupSaved')}
        </p>
      )}
      <label>
        {mode === 'transfer' ? t('wallet.amount') : t('chatpay.total')}
        <input
          name="amount"
          inputMode="decimal"
          autocomplete="off"
          required
          value={amount}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
        <small>{t('wallet.amountHint')}</small>
      </label>
      {mode === 'red-packet' && (
        <>
          <label>
            {t('chatpay.count')}
            <input
              name="count"
              type="number"
              inputMode="numeric"
              min={1}
              max={sharesMax}
              required
              value={count}
              onInput={(e) => setCount(e.currentTarget.value)}
            />
          </label>
          <div class="inline payment-split" role="radiogroup">
            <label>
              <input
                type="radio"
                name="split"
                value="lucky"
                checked={split === 'lucky'}
                onChange={() => setSplit('lucky')}
              />{' '}
              {t('chatpay.splitLucky')}
            </label>
            <label>
              <input
                type="radio"
                name="split"
                value="equal"
                checked={split === 'equal'}
                onChange={() => setSplit('equal')}
              />{' '}
              {t('chatpay.splitEqual')}
            </label>
          </div>
        </>
      )}
      <label>
        {t('chatpay.note')}
        <input
          name="memo"
          autocomplete="off"
          maxLength={PAYMENT_MEMO_CHARS_MAX}
          value={memo}
          onInput={(e) => setMemo(e.currentTarget.value)}
        />
      </label>
      <PinInput name="paymentPin" label={t('chatpay.pin')} value={pin} onInput={setPin} />
      {problem && (
        <p class="error" role="alert" data-testid="error">
          {t(problem.key, problem.params)}
        </p>
      )}
      <WalletErrorText error={action.error} />
      <button type="submit" class="primary" disabled={action.busy} data-testid="payment-submit">
        {mode === 'transfer' ? t('chatpay.sendSubmit') : t('chatpay.packetSubmit')}
      </button>
    </form>
  );
}
