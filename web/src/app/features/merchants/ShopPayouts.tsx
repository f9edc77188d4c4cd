// A shop's payouts: the balance, the payout IBAN (PIN to change), paying the balance out to it
// (PIN), and the payouts with their status.
import { useRef, useState } from 'preact/hooks';
import { Loading } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import type { MessageKey } from '../../catalogue';
import { useApp } from '../../state';
import {
  isPin,
  PinInput,
  formatIban,
  isValidIban,
  normaliseIban,
  IdempotentAction,
  formatCents,
  parseCents,
  PayErrorText,
  usePayApi,
  WithdrawalRow,
} from '../wallet';
import type { Merchant, Withdrawal } from '../wallet';

/** The shop balance, its payout IBAN (PIN to change), payouts (PIN) and their status. */
export function Payouts({ shop, changes }: { shop: Merchant; changes: number }) {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const page = useLoad(() => payApi.listMerchantPayouts(shop.id), [shop.id, changes]);
  const balance = page.data?.balanceCents ?? 0;
  const payoutIban = page.data?.payoutIban ?? null;

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
      <PayoutAccountForm shop={shop} payoutIban={payoutIban} payoutName={page.data?.payoutName} onSaved={page.reload} />
      {payoutIban && <PayoutForm shop={shop} balance={balance} payoutIban={payoutIban} onPaidOut={page.reload} />}
      {page.data && page.data.items.length === 0 && <p class="empty">{t('merchantOwner.payoutsNone')}</p>}
      <ul class="list" data-testid="merchant-payout-list">
        {page.data?.items.map((item) => (
          <WithdrawalRow key={item.id} item={item} testId="merchant-payout" />
        ))}
      </ul>
    </div>
  );
}

/** The IBAN payouts go to, and changing it (with the PIN). */
function PayoutAccountForm({
  shop,
  payoutIban,
  payoutName,
  onSaved,
}: {
  shop: Merchant;
  payoutIban: string | null;
  payoutName: string | null | undefined;
  onSaved: () => void;
}) {
  const { t } = useApp();
  const payApi = usePayApi();
  const account = useAction();
  const [iban, setIban] = useState('');
  const [holder, setHolder] = useState('');
  const [accountPin, setAccountPin] = useState('');
  const [accountSaved, setAccountSaved] = useState(false);
  const [accountProblem, setAccountProblem] = useState<MessageKey | null>(null);

  const saveAccount = async (event: Event) => {
    event.preventDefault();
    setAccountSaved(false);
    const problem: MessageKey | null = !isValidIban(iban)
      ? 'pay.withdraw.ibanInvalid'
      : holder.trim().length > 70
        ? 'pay.withdraw.nameInvalid'
        : !isPin(accountPin)
          ? 'wallet.pinFormat'
          : null;
    setAccountProblem(problem);
    if (problem) return;
    const saved = await account.run(() =>
      payApi.setMerchantPayoutAccount(shop.id, normaliseIban(iban), holder.trim() || null, accountPin),
    );
    setAccountPin('');
    if (saved) {
      setIban('');
      setHolder('');
      setAccountSaved(true);
      onSaved();
    }
  };

  return (
    <form class="form card padded" onSubmit={saveAccount} data-testid="payout-account-form" novalidate>
      <strong>{t('merchantOwner.payoutAccount')}</strong>
      <p class="muted" data-testid="payout-account">
        {payoutIban
          ? t('merchantOwner.payoutAccountCurrent', { iban: formatIban(payoutIban), name: payoutName ?? shop.name })
          : t('merchantOwner.payoutAccountNone')}
      </p>
      <p class="muted">{t('merchantOwner.payoutAccountExplain')}</p>
      <label>
        IBAN
        <input
          name="payoutIban"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          value={iban}
          onInput={(e) => setIban(e.currentTarget.value)}
          onBlur={() => iban && isValidIban(iban) && setIban(formatIban(iban))}
        />
      </label>
      <label>
        {t('merchantOwner.payoutName')}
        <input
          name="payoutName"
          autocomplete="off"
          maxLength={70}
          value={holder}
          onInput={(e) => setHolder(e.currentTarget.value)}
        />
      </label>
      <PinInput name="payoutAccountPin" label={t('pay.pin')} value={accountPin} onInput={setAccountPin} />
      {accountProblem && (
        <p class="error" role="alert" data-testid="error">
          {t(accountProblem)}
        </p>
      )}
      <PayErrorText error={account.error} />
      {accountSaved && (
        <p class="success" role="status" data-testid="payout-account-saved">
          {t('merchantOwner.payoutAccountSaved')}
        </p>
      )}
      <button type="submit" class="small" disabled={account.busy} data-testid="payout-account-submit">
        {t('merchantOwner.payoutAccountSave')}
      </button>
    </form>
  );
}

/** Paying (part of) the balance out to the payout IBAN, with the PIN. */
function PayoutForm({
  shop,
  balance,
  payoutIban,
  onPaidOut,
}: {
  shop: Merchant;
  balance: number;
  payoutIban: string;
  onPaidOut: () => void;
}) {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const payouts = useRef(new IdempotentAction<{ amountCents: number; iban: string }>());
  const action = useAction();
  const [amount, setAmount] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [done, setDone] = useState<Withdrawal | null>(null);

  const payOut = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    // Empty means the whole balance.
    const amountCents = amount.trim() === '' ? (balance > 0 ? balance : null) : parseCents(amount);
    const problem: MessageKey | null =
      amountCents === null ? 'wallet.amountInvalid' : !isPin(pin) ? 'wallet.pinFormat' : null;
    setProblem(problem);
    if (problem || amountCents === null) return;
    const request = { amountCents, iban: payoutIban };
    const result = await action.run(() =>
      payouts.current.run(request, (key) => payApi.createMerchantPayout(shop.id, amountCents, pin, key)),
    );
    setPin('');
    if (result) {
      setDone(result);
      setAmount('');
      onPaidOut();
    }
  };

  return (
    <form class="form card padded" onSubmit={payOut} data-testid="payout-form" novalidate>
      <p class="muted">{t('merchantOwner.payoutExplain')}</p>
      <label>
        {t('wallet.amount')}
        <input
          name="payoutAmount"
          inputMode="decimal"
          autocomplete="off"
          value={amount}
          placeholder={formatCents(balance, language)}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
      </label>
      <PinInput name="payoutPin" label={t('pay.pin')} value={pin} onInput={setPin} />
      {problem && (
        <p class="error" role="alert" data-testid="error">
          {t(problem)}
        </p>
      )}
      <PayErrorText error={action.error} />
      {done && (
        <p class="success" role="status" data-testid="payout-done">
          {t('merchantOwner.payoutDone', {
            amount: formatCents(done.amountCents, language),
            iban: formatIban(done.creditorIban),
          })}
        </p>
      )}
      <button type="submit" class="primary" disabled={action.busy} data-testid="payout-submit">
        {t('merchantOwner.payoutSubmit')}
      </button>
    </form>
  );
}
