// A shop's payments with the owner's session, newest first, with refunds and the CSV statement.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Loading } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import type { MessageKey } from '../../catalogue';
import { useApp } from '../../state';
import { isPin, PinInput, IdempotentAction, formatCents, parseCents, PayErrorText, usePayApi } from '../wallet';
import type { MerchantPayment } from '../wallet';
import { mergeNewest } from './merchant-payments';

const METHOD: Readonly<Record<MerchantPayment['method'], MessageKey>> = {
  STATIC_QR: 'pay.merchant.method.STATIC_QR',
  DYNAMIC_QR: 'pay.merchant.method.DYNAMIC_QR',
  PAYMENT_CODE: 'pay.merchant.method.PAYMENT_CODE',
};

/** The shop's payments with the owner's session, newest first, with refunds and the CSV statement. */
export function Payments({ shopId, refreshes, onRefund }: { shopId: string; refreshes: number; onRefund: () => void }) {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const [list, setList] = useState<MerchantPayment[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const payments = useLoad(async () => {
    const page = await payApi.listMerchantPayments(shopId);
    setList(page.items);
    setNextCursor(page.nextCursor ?? null);
    return page;
  }, [shopId]);
  useEffect(() => {
    if (refreshes === 0) return undefined;
    let live = true;
    payApi.listMerchantPayments(shopId).then(
      (page) => live && setList((shown) => mergeNewest(shown, page.items)),
      () => undefined,
    ); // the next refresh tries again
    return () => {
      live = false;
    };
  }, [refreshes]);
  const more = useAction();
  const csv = useAction();
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const loadMore = () =>
    more.run(async () => {
      if (!nextCursor) return;
      const page = await payApi.listMerchantPayments(shopId, nextCursor);
      setList((previous) => [...previous, ...page.items]);
      setNextCursor(page.nextCursor ?? null);
    });
  const download = () =>
    csv.run(async () => {
      const blob = await payApi.merchantPaymentsCsv(shopId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${shopId}-payments.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  const replaced = (payment: MerchantPayment) => {
    setList((previous) => previous.map((item) => (item.id === payment.id ? payment : item)));
    onRefund();
  };

  return (
    <div data-testid="merchant-payments">
      <h3 class="padded">{t('merchantOwner.payments')}</h3>
      <PayErrorText error={payments.error ?? more.error ?? csv.error} />
      {payments.loading && !payments.data && <Loading />}
      {payments.data && list.length === 0 && <p class="empty">{t('pay.merchant.noPayments')}</p>}
      <ul class="list">
        {list.map((payment) => (
          <li key={payment.id} class="row" data-testid="merchant-payment">
            <span class="row-main">
              {formatCents(payment.amountCents, language)}
              <small class="muted">
                {t(METHOD[payment.method])} · {date.format(new Date(payment.createdAt))}
                {payment.orderReference ? ` · ${payment.orderReference}` : ''}
              </small>
              {payment.refundedCents > 0 && (
                <small class="muted" data-testid="merchant-refunded">
                  {t('pay.merchant.refunded', { amount: formatCents(payment.refundedCents, language) })}
                </small>
              )}
              <Refund shopId={shopId} payment={payment} onDone={replaced} />
            </span>
          </li>
        ))}
      </ul>
      {nextCursor && (
        <button type="button" class="block" disabled={more.busy} onClick={() => void loadMore()}>
          {t('wallet.loadMore')}
        </button>
      )}
      <div class="merchant-owner-actions">
        <button type="button" class="small" onClick={payments.reload} data-testid="merchant-reload">
          {t('pay.merchant.reload')}
        </button>
        <button
          type="button"
          class="small"
          disabled={csv.busy}
          onClick={() => void download()}
          data-testid="merchant-csv"
        >
          {t('merchantOwner.csv')}
        </button>
      </div>
    </div>
  );
}

function Refund({
  shopId,
  payment,
  onDone,
}: {
  shopId: string;
  payment: MerchantPayment;
  onDone: (payment: MerchantPayment) => void;
}) {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const refunds = useRef(new IdempotentAction<{ paymentId: string; amountCents: number }>());
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const refundable = payment.amountCents - payment.refundedCents;
  if (refundable <= 0) return <small class="muted">{t('pay.merchant.fullyRefunded')}</small>;
  if (!open) {
    return (
      <button type="button" class="small" data-testid="refund-open" onClick={() => setOpen(true)}>
        {t('merchantOwner.refundOpen')}
      </button>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    // Empty means all that is left: the full refund.
    const amountCents = amount.trim() === '' ? refundable : parseCents(amount);
    const problem: MessageKey | null =
      amountCents === null ? 'wallet.amountInvalid' : !isPin(pin) ? 'wallet.pinFormat' : null;
    setProblem(problem);
    if (problem || amountCents === null) return;
    const request = { paymentId: payment.id, amountCents };
    const done = await action.run(() =>
      refunds.current.run(request, (key) => payApi.refundMerchantPayment(shopId, payment.id, amountCents, pin, key)),
    );
    setPin('');
    if (done) {
      setAmount('');
      setOpen(false);
      onDone(done);
    }
  };

  return (
    <form class="form" onSubmit={submit} data-testid="refund-form" novalidate>
      <label>
        {t('pay.merchant.refundAmount')}
        <input
          name="refund"
          inputMode="decimal"
          autocomplete="off"
          size={7}
          value={amount}
          placeholder={formatCents(refundable, language)}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
      </label>
      <PinInput name="refundPin" label={t('pay.pin')} value={pin} onInput={setPin} />
      {problem && (
        <p class="error" role="alert" data-testid="error">
          {t(problem)}
        </p>
      )}
      <PayErrorText error={action.error} />
      <button type="submit" class="small" disabled={action.busy} data-testid="refund-submit">
        {t('pay.merchant.refund')}
      </button>
    </form>
  );
}
