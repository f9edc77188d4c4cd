// The merchant view: apply for a shop, and once the operator approved it, its static QR code to
// receive payments. The owner works with their own session: payments and the statement (CSV),
// refunds (PIN), payouts of the shop balance to its IBAN (PIN), and the point-of-sale keys that
// tills use for the POS API (created here, the secret shown once; revoked here).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiKey, Merchant, MerchantPayment, Withdrawal } from '../wallet/pay-api';
import { Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import type { MessageKey } from '../../i18n/i18n';
import { useApp } from '../../state';
import { formatIban, isValidIban, normaliseIban } from '../wallet/iban';
import { IdempotentAction } from '../wallet/idempotency';
import { mergeNewest } from './merchant-payments';
import { hasLettersWithoutLatinForm } from './latin';
import { categoryCodeOf, MERCHANT_CATEGORIES, OTHER_CATEGORY } from './merchant-categories';
import { formatCents, parseCents } from '../wallet/money';
import { isPin, PinInput } from '../wallet/common';
import { CopyField, PayErrorText, SvgQr, usePayApi } from '../wallet/pay-common';
import { WithdrawalRow } from '../wallet/WalletWithdrawScreen';

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
  const [category, setCategory] = useState(MERCHANT_CATEGORIES[0]!.code);
  const [otherCode, setOtherCode] = useState('');
  // Once the person has a shop, applying for another is one tap away instead of a full form.
  const [applyingAnother, setApplyingAnother] = useState(false);
  const [latinName, setLatinName] = useState('');
  const [latinCity, setLatinCity] = useState('');
  // Shop QR codes carry Latin letters only (EMVCo): a name in another script needs its Latin form.
  const nameNeedsLatin = hasLettersWithoutLatinForm(name);
  const cityNeedsLatin = hasLettersWithoutLatinForm(city);
  const hasShop = (shops.data?.items.length ?? 0) > 0;

  const apply = async (event: Event) => {
    event.preventDefault();
    const latin = {
      ...(nameNeedsLatin ? { latinName: latinName.trim() } : {}),
      ...(cityNeedsLatin ? { latinCity: latinCity.trim() } : {}),
    };
    const created = await action.run(() => payApi.applyForMerchant(name.trim(), city.trim(),
      categoryCodeOf(category, otherCode), latin));
    if (created) {
      setApplyingAnother(false);
      setOtherCode('');
      setName('');
      setCity('');
      setLatinName('');
      setLatinCity('');
      shops.reload();
    }
  };

  return (
    <Screen title={t('pay.merchant.title')} back="/me/wallet">
      <PayErrorText error={shops.error} />
      {shops.loading && !shops.data && <Loading />}
      {shops.data?.items.map((shop) => <Shop key={shop.id} shop={shop} />)}
      {hasShop && !applyingAnother && (
        <button type="button" class="link" data-testid="merchant-apply-another" onClick={() => setApplyingAnother(true)}>
          {t('pay.merchant.applyAnother')}
        </button>
      )}
      {shops.data && (!hasShop || applyingAnother) && (
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
          {nameNeedsLatin && (
            <label>
              {t('pay.merchant.latinName')}
              <input name="shopLatinName" maxLength={25} required value={latinName}
                onInput={(e) => setLatinName(e.currentTarget.value)} />
              <small>{t('pay.merchant.latinHint')}</small>
            </label>
          )}
          {cityNeedsLatin && (
            <label>
              {t('pay.merchant.latinCity')}
              <input name="shopLatinCity" maxLength={15} required value={latinCity}
                onInput={(e) => setLatinCity(e.currentTarget.value)} />
            </label>
          )}
          <label>
            {t('pay.merchant.category')}
            <select name="shopCategory" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              {MERCHANT_CATEGORIES.map(({ code, label }) => <option key={code} value={code}>{t(label)}</option>)}
              <option value={OTHER_CATEGORY}>{t('pay.merchant.mcc.other')}</option>
            </select>
            <small>{t('pay.merchant.categoryHint')}</small>
          </label>
          {category === OTHER_CATEGORY && (
            <label>
              {t('pay.merchant.categoryCode')}
              <input name="shopCategoryCode" inputMode="numeric" pattern="[0-9]{4}" maxLength={4} required value={otherCode}
                onInput={(e) => setOtherCode(e.currentTarget.value)} />
            </label>
          )}
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
  // A refund lowers the shop balance that the payouts part shows: it reloads on every change.
  const [refunds, setRefunds] = useState(0);
  // Customers pay while the owner looks: payments and balance refresh now and then, and on return.
  const refreshes = useRefreshes(approved);

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
      <PayErrorText error={code.error} />
      {approved && <Payments shopId={shop.id} refreshes={refreshes} onRefund={() => setRefunds((count) => count + 1)} />}
      {approved && <Payouts shop={shop} changes={refunds + refreshes} />}
      {approved && <PosKeys shopId={shop.id} />}
    </Section>
  );
}

/** How often an open shop page looks for new payments. */
const SHOP_REFRESH_MILLIS = 15_000;

/** A count that rises every {@link SHOP_REFRESH_MILLIS} while the page is visible, and when it shows again. */
function useRefreshes(active: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const bump = () => {
      if (document.visibilityState === 'visible') setCount((previous) => previous + 1);
    };
    const timer = setInterval(bump, SHOP_REFRESH_MILLIS);
    document.addEventListener('visibilitychange', bump);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', bump);
    };
  }, [active]);
  return count;
}

/** The shop's payments with the owner's session, newest first, with refunds and the CSV statement. */
function Payments({ shopId, refreshes, onRefund }: { shopId: string; refreshes: number; onRefund: () => void }) {
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
    payApi.listMerchantPayments(shopId).then((page) => live && setList((shown) => mergeNewest(shown, page.items)),
      () => undefined); // the next refresh tries again
    return () => { live = false; };
  }, [refreshes]);
  const more = useAction();
  const csv = useAction();
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

  const loadMore = () => more.run(async () => {
    if (!nextCursor) return;
    const page = await payApi.listMerchantPayments(shopId, nextCursor);
    setList((previous) => [...previous, ...page.items]);
    setNextCursor(page.nextCursor ?? null);
  });
  const download = () => csv.run(async () => {
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
        <button type="button" class="block" disabled={more.busy} onClick={() => void loadMore()}>{t('wallet.loadMore')}</button>
      )}
      <div class="merchant-owner-actions">
        <button type="button" class="small" onClick={payments.reload} data-testid="merchant-reload">{t('pay.merchant.reload')}</button>
        <button type="button" class="small" disabled={csv.busy} onClick={() => void download()} data-testid="merchant-csv">
          {t('merchantOwner.csv')}
        </button>
      </div>
    </div>
  );
}

function Refund({ shopId, payment, onDone }: {
  shopId: string; payment: MerchantPayment; onDone: (payment: MerchantPayment) => void;
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
    const problem: MessageKey | null = amountCents === null ? 'wallet.amountInvalid' : !isPin(pin) ? 'wallet.pinFormat' : null;
    setProblem(problem);
    if (problem || amountCents === null) return;
    const request = { paymentId: payment.id, amountCents };
    const done = await action.run(() => refunds.current.run(request,
      (key) => payApi.refundMerchantPayment(shopId, payment.id, amountCents, pin, key)));
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
        <input name="refund" inputMode="decimal" autocomplete="off" size={7} value={amount}
          placeholder={formatCents(refundable, language)} onInput={(e) => setAmount(e.currentTarget.value)} />
      </label>
      <PinInput name="refundPin" label={t('pay.pin')} value={pin} onInput={setPin} />
      {problem && <p class="error" role="alert" data-testid="error">{t(problem)}</p>}
      <PayErrorText error={action.error} />
      <button type="submit" class="small" disabled={action.busy} data-testid="refund-submit">{t('pay.merchant.refund')}</button>
    </form>
  );
}

/** The shop balance, its payout IBAN (PIN to change), payouts (PIN) and their status. */
function Payouts({ shop, changes }: { shop: Merchant; changes: number }) {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const page = useLoad(() => payApi.listMerchantPayouts(shop.id), [shop.id, changes]);
  const payouts = useRef(new IdempotentAction<{ amountCents: number; iban: string }>());
  const account = useAction();
  const action = useAction();
  const [iban, setIban] = useState('');
  const [holder, setHolder] = useState('');
  const [accountPin, setAccountPin] = useState('');
  const [accountSaved, setAccountSaved] = useState(false);
  const [amount, setAmount] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [accountProblem, setAccountProblem] = useState<MessageKey | null>(null);
  const [done, setDone] = useState<Withdrawal | null>(null);
  const balance = page.data?.balanceCents ?? 0;
  const payoutIban = page.data?.payoutIban ?? null;

  const saveAccount = async (event: Event) => {
    event.preventDefault();
    setAccountSaved(false);
    const problem: MessageKey | null = !isValidIban(iban) ? 'pay.withdraw.ibanInvalid'
      : holder.trim().length > 70 ? 'pay.withdraw.nameInvalid'
      : !isPin(accountPin) ? 'wallet.pinFormat' : null;
    setAccountProblem(problem);
    if (problem) return;
    const saved = await account.run(() => payApi.setMerchantPayoutAccount(shop.id, normaliseIban(iban),
      holder.trim() || null, accountPin));
    setAccountPin('');
    if (saved) {
      setIban('');
      setHolder('');
      setAccountSaved(true);
      page.reload();
    }
  };

  const payOut = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    // Empty means the whole balance.
    const amountCents = amount.trim() === '' ? (balance > 0 ? balance : null) : parseCents(amount);
    const problem: MessageKey | null = amountCents === null ? 'wallet.amountInvalid' : !isPin(pin) ? 'wallet.pinFormat' : null;
    setProblem(problem);
    if (problem || amountCents === null || payoutIban === null) return;
    const request = { amountCents, iban: payoutIban };
    const result = await action.run(() => payouts.current.run(request,
      (key) => payApi.createMerchantPayout(shop.id, amountCents, pin, key)));
    setPin('');
    if (result) {
      setDone(result);
      setAmount('');
      page.reload();
    }
  };

  return (
    <div data-testid="merchant-payouts">
      <h3 class="padded">{t('merchantOwner.payouts')}</h3>
      <PayErrorText error={page.error} />
      {page.loading && !page.data && <Loading />}
      {page.data && (
        <p class="padded" data-testid="merchant-balance">
          {t('merchantOwner.balance', { balance: formatCents(balance, language) })}
        </p>
      )}
      <form class="form card padded" onSubmit={saveAccount} data-testid="payout-account-form" novalidate>
        <strong>{t('merchantOwner.payoutAccount')}</strong>
        <p class="muted" data-testid="payout-account">
          {payoutIban
            ? t('merchantOwner.payoutAccountCurrent', { iban: formatIban(payoutIban), name: page.data?.payoutName ?? shop.name })
            : t('merchantOwner.payoutAccountNone')}
        </p>
        <p class="muted">{t('merchantOwner.payoutAccountExplain')}</p>
        <label>
          IBAN
          <input name="payoutIban" autocomplete="off" autocapitalize="characters" spellcheck={false} value={iban}
            onInput={(e) => setIban(e.currentTarget.value)}
            onBlur={() => iban && isValidIban(iban) && setIban(formatIban(iban))} />
        </label>
        <label>
          {t('merchantOwner.payoutName')}
          <input name="payoutName" autocomplete="off" maxLength={70} value={holder}
            onInput={(e) => setHolder(e.currentTarget.value)} />
        </label>
        <PinInput name="payoutAccountPin" label={t('pay.pin')} value={accountPin} onInput={setAccountPin} />
        {accountProblem && <p class="error" role="alert" data-testid="error">{t(accountProblem)}</p>}
        <PayErrorText error={account.error} />
        {accountSaved && <p class="success" role="status" data-testid="payout-account-saved">{t('merchantOwner.payoutAccountSaved')}</p>}
        <button type="submit" class="small" disabled={account.busy} data-testid="payout-account-submit">
          {t('merchantOwner.payoutAccountSave')}
        </button>
      </form>
      {payoutIban && (
        <form class="form card padded" onSubmit={payOut} data-testid="payout-form" novalidate>
          <p class="muted">{t('merchantOwner.payoutExplain')}</p>
          <label>
            {t('wallet.amount')}
            <input name="payoutAmount" inputMode="decimal" autocomplete="off" value={amount}
              placeholder={formatCents(balance, language)} onInput={(e) => setAmount(e.currentTarget.value)} />
          </label>
          <PinInput name="payoutPin" label={t('pay.pin')} value={pin} onInput={setPin} />
          {problem && <p class="error" role="alert" data-testid="error">{t(problem)}</p>}
          <PayErrorText error={action.error} />
          {done && (
            <p class="success" role="status" data-testid="payout-done">
              {t('merchantOwner.payoutDone', { amount: formatCents(done.amountCents, language), iban: formatIban(done.creditorIban) })}
            </p>
          )}
          <button type="submit" class="primary" disabled={action.busy} data-testid="payout-submit">
            {t('merchantOwner.payoutSubmit')}
          </button>
        </form>
      )}
      {page.data && page.data.items.length === 0 && <p class="empty">{t('merchantOwner.payoutsNone')}</p>}
      <ul class="list" data-testid="merchant-payout-list">
        {page.data?.items.map((item) => <WithdrawalRow key={item.id} item={item} testId="merchant-payout" />)}
      </ul>
    </div>
  );
}

/** The shop's point-of-sale keys: a new key's secret is shown once; revoking stops it at once. */
function PosKeys({ shopId }: { shopId: string }) {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const keys = useLoad(() => payApi.listMerchantApiKeys(shopId), [shopId]);
  const action = useAction();
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<ApiKey | null>(null);
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });

  const create = async (event: Event) => {
    event.preventDefault();
    const key = await action.run(() => payApi.createMerchantApiKey(shopId, label.trim() || 'till'));
    if (key) {
      setCreated(key);
      setLabel('');
      keys.reload();
    }
  };
  const revoke = (keyId: string) => action.run(async () => {
    await payApi.revokeMerchantApiKey(shopId, keyId);
    if (created?.id === keyId) setCreated(null);
    keys.reload();
  });

  return (
    <div data-testid="merchant-keys">
      <h3 class="padded">{t('merchantOwner.keys')}</h3>
      <p class="muted padded">{t('merchantOwner.keysExplain')}</p>
      <PayErrorText error={keys.error ?? action.error} />
      {created && <CopyField label={t('merchantOwner.keyCreated')} value={created.key} testId="merchant-key-secret" />}
      {keys.data && keys.data.items.length === 0 && <p class="empty">{t('merchantOwner.keysNone')}</p>}
      <ul class="list">
        {keys.data?.items.map((key) => (
          <li key={key.id} class="row" data-testid="merchant-key">
            <span class="row-main">
              {key.label ?? key.id}
              <small class="muted">{date.format(new Date(key.createdAt))}</small>
            </span>
            {key.revokedAt
              ? <small class="muted" data-testid="merchant-key-revoked">{t('merchantOwner.keyRevoked')}</small>
              : (
                <button type="button" class="small" disabled={action.busy} data-testid="merchant-key-revoke"
                  onClick={() => void revoke(key.id)}>{t('merchantOwner.keyRevoke')}</button>
              )}
          </li>
        ))}
      </ul>
      <form class="form padded" onSubmit={create} data-testid="merchant-key-form">
        <label>
          {t('merchantOwner.keyLabel')}
          <input name="keyLabel" maxLength={100} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <button type="submit" class="small" disabled={action.busy} data-testid="merchant-key-create">{t('merchantOwner.keyCreate')}</button>
      </form>
    </div>
  );
}
