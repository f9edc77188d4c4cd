// The merchant view: apply for a shop, and once the operator approved it, its static QR code to
// receive payments. Payments and refunds go through the point-of-sale API, which takes a merchant
// key rather than the device token: "Open till" creates a key for this browser tab (kept in
// sessionStorage, so it ends with the tab) and "Close till" revokes it at once.
import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient } from '../../api/client';
import { type Merchant, type MerchantPayment, PosApi } from '../../api/pay';
import { Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import type { MessageKey } from '../../i18n/i18n';
import { useApp } from '../../state';
import { IdempotentAction } from '../../wallet/idempotency';
import { formatCents, parseCents } from '../../wallet/money';
import { CopyField, PayErrorText, SvgQr, usePayApi } from './pay-common';

interface TillKey {
  keyId: string;
  key: string;
}

const tillStorageKey = (merchantId: string) => `atrium.till.${merchantId}`;

function storedTill(merchantId: string): TillKey | null {
  try {
    const text = sessionStorage.getItem(tillStorageKey(merchantId));
    return text ? (JSON.parse(text) as TillKey) : null;
  } catch {
    return null;
  }
}

const STATUS: Readonly<Record<Merchant['status'], MessageKey>> = {
  PENDING: 'pay.merchant.status.PENDING',
  APPROVED: 'pay.merchant.status.APPROVED',
  SUSPENDED: 'pay.merchant.status.SUSPENDED',
};

const METHOD: Readonly<Record<MerchantPayment['method'], MessageKey>> = {
  STATIC_QR: 'pay.merchant.method.STATIC_QR',
  DYNAMIC_QR: 'pay.merchant.method.DYNAMIC_QR',
  PAYMENT_CODE: 'pay.merchant.method.PAYMENT_CODE',
};

export function MerchantScreen() {
  const { t } = useApp();
  const payApi = usePayApi();
  const shops = useLoad(() => payApi.listMyMerchants());
  const action = useAction();
  const [name, setName] = useState('');
  const [city, setCity] = useState('');
  const [category, setCategory] = useState('5812');

  const apply = async (event: Event) => {
    event.preventDefault();
    const created = await action.run(() => payApi.applyForMerchant(name.trim(), city.trim(), category.trim()));
    if (created) {
      setName('');
      setCity('');
      shops.reload();
    }
  };

  return (
    <Screen title={t('pay.merchant.title')} back="/me/wallet">
      <PayErrorText error={shops.error} />
      {shops.loading && !shops.data && <Loading />}
      {shops.data?.items.map((shop) => <Shop key={shop.id} shop={shop} />)}
      {shops.data && (
        <form class="form card padded" onSubmit={apply} data-testid="merchant-apply">
          <p class="muted">{t('pay.merchant.applyExplain')}</p>
          <label>
            {t('pay.merchant.name')}
            <input name="shopName" maxLength={25} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label>
            {t('pay.merchant.city')}
            <input name="shopCity" maxLength={15} required value={city} onInput={(e) => setCity(e.currentTarget.value)} />
          </label>
          <label>
            {t('pay.merchant.category')}
            <input name="shopCategory" inputMode="numeric" pattern="[0-9]{4}" maxLength={4} required value={category}
              onInput={(e) => setCategory(e.currentTarget.value)} />
            <small>{t('pay.merchant.categoryHint')}</small>
          </label>
          <PayErrorText error={action.error} />
          <button type="submit" class="primary" disabled={action.busy}>{t('pay.merchant.apply')}</button>
        </form>
      )}
    </Screen>
  );
}

function Shop({ shop }: { shop: Merchant }) {
  const { t } = useApp();
  const payApi = usePayApi();
  const approved = shop.status === 'APPROVED';
  const code = useLoad(() => (approved ? payApi.merchantStaticCode(shop.id) : Promise.resolve(null)), [shop.id]);
  const [till, setTill] = useState<TillKey | null>(() => storedTill(shop.id));
  const action = useAction();

  const openTill = () => action.run(async () => {
    const created = await payApi.createMerchantApiKey(shop.id, 'web till');
    const key = { keyId: created.id, key: created.key };
    sessionStorage.setItem(tillStorageKey(shop.id), JSON.stringify(key));
    setTill(key);
  });
  const closeTill = () => action.run(async () => {
    if (till) await payApi.revokeMerchantApiKey(shop.id, till.keyId);
    sessionStorage.removeItem(tillStorageKey(shop.id));
    setTill(null);
  });

  return (
    <Section title={`${shop.name} · ${shop.city}`}>
      <div class="padded" data-testid="merchant">
        <p class={approved ? 'success' : 'notice'} data-testid="merchant-status">{t(STATUS[shop.status])}</p>
        {approved && (
          <div class="code">
            <SvgQr load={() => payApi.merchantStaticCodeSvg(shop.id)} deps={[shop.id]} alt={t('pay.merchant.qrAlt')}
              testId="merchant-qr" />
            <p class="muted">{t('pay.merchant.qrExplain')}</p>
          </div>
        )}
      </div>
      {code.data && <CopyField label={t('pay.merchant.payload')} value={code.data.payload} testId="merchant-payload" />}
      <PayErrorText error={code.error ?? action.error} />
      {approved && !till && (
        <button type="button" class="block" disabled={action.busy} data-testid="till-open"
          onClick={() => void openTill()}>{t('pay.merchant.openTill')}</button>
      )}
      {approved && till && (
        <>
          <Till shopId={shop.id} till={till} onKeyGone={() => {
            sessionStorage.removeItem(tillStorageKey(shop.id));
            setTill(null);
          }} />
          <button type="button" class="block" disabled={action.busy} data-testid="till-close"
            onClick={() => void closeTill()}>{t('pay.merchant.closeTill')}</button>
        </>
      )}
    </Section>
  );
}

function Till({ shopId, till, onKeyGone }: { shopId: string; till: TillKey; onKeyGone: () => void }) {
  const { t, language } = useApp();
  const pos = useMemo(() => new PosApi(new ApiClient({ token: () => till.key })), [till.key]);
  const payments = useLoad(async () => {
    try {
      return await pos.listPayments();
    } catch (error) {
      if ((error as { code?: string }).code === 'merchant_key_required') onKeyGone();
      throw error;
    }
  }, [pos, shopId]);
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div data-testid="till">
      <PayErrorText error={payments.error} />
      {payments.loading && !payments.data && <Loading />}
      {payments.data && payments.data.items.length === 0 && <p class="empty">{t('pay.merchant.noPayments')}</p>}
      <ul class="list">
        {payments.data?.items.map((payment) => (
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
              <Refund pos={pos} payment={payment} onDone={payments.reload} />
            </span>
          </li>
        ))}
      </ul>
      <button type="button" class="small" onClick={payments.reload}>{t('pay.merchant.reload')}</button>
    </div>
  );
}

function Refund({ pos, payment, onDone }: { pos: PosApi; payment: MerchantPayment; onDone: () => void }) {
  const { t, language } = useApp();
  const refunds = useRef(new IdempotentAction<{ paymentId: string; amountCents: number }>());
  const action = useAction();
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const refundable = payment.amountCents - payment.refundedCents;
  if (refundable <= 0) return <small class="muted">{t('pay.merchant.fullyRefunded')}</small>;

  const submit = async (event: Event) => {
    event.preventDefault();
    // Empty means all that is left: the full refund.
    const amountCents = amount.trim() === '' ? refundable : parseCents(amount);
    setInvalid(amountCents === null);
    if (amountCents === null) return;
    const request = { paymentId: payment.id, amountCents };
    const done = await action.run(() => refunds.current.run(request, (key) => pos.refund(payment.id, amountCents, key)));
    if (done) {
      setAmount('');
      onDone();
    }
  };

  return (
    <form class="inline" onSubmit={submit} data-testid="refund-form">
      <input name="refund" inputMode="decimal" autocomplete="off" size={7} value={amount}
        placeholder={formatCents(refundable, language)} aria-label={t('pay.merchant.refundAmount')}
        onInput={(e) => setAmount(e.currentTarget.value)} />
      <button type="submit" class="small" disabled={action.busy} data-testid="refund-submit">{t('pay.merchant.refund')}</button>
      {invalid && <p class="error" role="alert">{t('wallet.amountInvalid')}</p>}
      <PayErrorText error={action.error} />
    </form>
  );
}
