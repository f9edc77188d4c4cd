// Withdraw to a bank account: IBAN (checked with mod 97 before sending), account holder, amount
// and PIN, sent with an Idempotency-Key that stays while the same withdrawal is retried. Below,
// the user's withdrawals with their status, newest first.
import { useRef, useState } from 'preact/hooks';
import type { Withdrawal, WithdrawalStatus } from './pay-api';
import { Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import type { MessageKey } from '../../catalogue';
import { useApp } from '../../state';
import { formatIban, isValidIban, normaliseIban } from './iban';
import { IdempotentAction } from './idempotency';
import { formatCents, parseCents } from './money';
import { isPin, PinInput, useWalletApi } from './common';
import { PayErrorText, usePayApi } from './pay-common';

const STATUS: Readonly<Record<WithdrawalStatus, MessageKey>> = {
  PENDING: 'pay.withdraw.status.PENDING',
  EXPORTED: 'pay.withdraw.status.EXPORTED',
  PAID: 'pay.withdraw.status.PAID',
  FAILED: 'pay.withdraw.status.FAILED',
};

/** One withdrawal or shop payout: who gets it, where, when, how much and how far it got. */
export function WithdrawalRow({ item, testId }: { item: Withdrawal; testId: string }) {
  const { t, language } = useApp();
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li class="row" data-testid={testId}>
      <span class="row-main">
        {item.creditorName}
        <small class="muted">
          {formatIban(item.creditorIban)} · {date.format(new Date(item.createdAt))}
        </small>
      </span>
      <span class="row-main wallet-amount">
        <span>{formatCents(item.amountCents, language)}</span>
        <small class={item.status === 'FAILED' ? 'error' : 'muted'} data-testid={`${testId}-status`}>
          {t(STATUS[item.status] ?? 'pay.withdraw.status.PENDING')}
        </small>
      </span>
    </li>
  );
}

export function WalletWithdrawScreen() {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const walletApi = useWalletApi();
  const wallet = useLoad(() => walletApi.getWallet());
  const action = useAction();
  const withdrawals = useRef(new IdempotentAction<{ amountCents: number; iban: string; name: string }>());
  const [iban, setIban] = useState('');
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [done, setDone] = useState<Withdrawal | null>(null);
  const [list, setList] = useState<Withdrawal[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const listed = useLoad(async () => {
    const page = await payApi.listWithdrawals();
    setList(page.items);
    setNextCursor(page.nextCursor ?? null);
    return page;
  });
  const more = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    const amountCents = parseCents(amount);
    const problem: MessageKey | null = !isValidIban(iban)
      ? 'pay.withdraw.ibanInvalid'
      : name.trim() === '' || name.trim().length > 70
        ? 'pay.withdraw.nameInvalid'
        : amountCents === null
          ? 'wallet.amountInvalid'
          : !isPin(pin)
            ? 'wallet.pinFormat'
            : null;
    setProblem(problem);
    if (problem || amountCents === null) return;
    const request = { amountCents, iban: normaliseIban(iban), name: name.trim() };
    const result = await action.run(() =>
      withdrawals.current.run(request, (key) => payApi.withdraw({ ...request, pin }, key)),
    );
    setPin('');
    if (result) {
      setDone(result);
      setAmount('');
      setList((previous) => [result, ...previous.filter((item) => item.id !== result.id)]);
      wallet.reload();
    }
  };

  const loadMore = () =>
    more.run(async () => {
      if (!nextCursor) return;
      const page = await payApi.listWithdrawals(nextCursor);
      setList((previous) => [...previous, ...page.items]);
      setNextCursor(page.nextCursor ?? null);
    });

  return (
    <Screen title={t('pay.withdraw.title')} back="/me/wallet">
      {wallet.data && (
        <p class="muted" data-testid="withdraw-balance">
          {t('pay.withdraw.available', { balance: formatCents(wallet.data.balanceCents, language) })}
        </p>
      )}
      <form class="form card padded" onSubmit={submit} data-testid="withdraw-form" novalidate>
        <p class="muted">{t('pay.withdraw.explain')}</p>
        <label>
          IBAN
          <input
            name="iban"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            required
            value={iban}
            onInput={(e) => setIban(e.currentTarget.value)}
            onBlur={() => iban && isValidIban(iban) && setIban(formatIban(iban))}
          />
        </label>
        <label>
          {t('pay.withdraw.name')}
          <input
            name="name"
            autocomplete="name"
            maxLength={70}
            required
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('wallet.amount')}
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
        <PinInput name="pin" label={t('pay.pin')} value={pin} onInput={setPin} />
        {problem && (
          <p class="error" role="alert" data-testid="error">
            {t(problem)}
          </p>
        )}
        <PayErrorText error={action.error} />
        {done && (
          <p class="success" role="status" data-testid="withdraw-done">
            {t('pay.withdraw.done', {
              amount: formatCents(done.amountCents, language),
              iban: formatIban(done.creditorIban),
            })}
          </p>
        )}
        <button type="submit" class="primary" disabled={action.busy} data-testid="withdraw-submit">
          {t('pay.withdraw.submit')}
        </button>
      </form>
      <Section title={t('pay.withdraw.list')}>
        <PayErrorText error={listed.error ?? more.error} />
        {listed.loading && !listed.data && <Loading />}
        {listed.data && list.length === 0 && <p class="empty">{t('pay.withdraw.none')}</p>}
        <ul class="list" data-testid="withdrawals">
          {list.map((item) => (
            <WithdrawalRow key={item.id} item={item} testId="withdrawal" />
          ))}
        </ul>
      </Section>
      {nextCursor && (
        <button type="button" class="block" disabled={more.busy} onClick={() => void loadMore()}>
          {t('wallet.loadMore')}
        </button>
      )}
    </Screen>
  );
}
