// Me → Wallet: the balance, the PIN state and limits, and the ways into top-up, PIN and history.
import { LinkRow, Loading, Screen, Section } from '../../components/shell';
import { useLoad } from '../../hooks';
import { useApp } from '../../state';
import { bankTransfersOffered } from './bank';
import { formatCents } from './money';
import { useWalletApi, WalletErrorText } from './common';
import { usePayApi } from './pay-common';

export function WalletScreen() {
  const { t, language } = useApp();
  const walletApi = useWalletApi();
  const wallet = useLoad(() => walletApi.getWallet());
  const payApi = usePayApi();
  const bank = useLoad(() => bankTransfersOffered(() => payApi.getTopUpInstructions(null)));
  const data = wallet.data;
  const lockedUntil = data?.pinLockedUntil ? new Date(data.pinLockedUntil) : null;
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
  return (
    <Screen title={t('wallet.title')} back="/me">
      <WalletErrorText error={wallet.error} />
      <div class="card padded code">
        <span class="muted">{t('wallet.balance')}</span>
        {data ? (
          <span class="wallet-balance" data-testid="wallet-balance">
            {formatCents(data.balanceCents, language)}
          </span>
        ) : (
          wallet.loading && <Loading />
        )}
        {data && (
          <small class="muted" data-testid="wallet-limits">
            {t('wallet.limits', {
              payment: formatCents(data.paymentCentsMax, language),
              remaining: formatCents(data.dailyOutgoingRemainingCents, language),
              daily: formatCents(data.dailyOutgoingCentsMax, language),
            })}
          </small>
        )}
      </div>
      {data && !data.pinSet && (
        <div class="hint" role="status" data-testid="wallet-pin-missing">
          <span>{t('wallet.pinMissing')}</span>
          <a class="button-link" href="#/me/wallet/pin" data-testid="wallet-pin-missing-set">
            {t('wallet.setPin')}
          </a>
        </div>
      )}
      {lockedUntil && lockedUntil.getTime() > Date.now() && (
        <p class="notice" role="status">
          {t('wallet.pinLockedUntil', { time: time.format(lockedUntil) })}
        </p>
      )}
      {data && (
        <Section>
          {data.sandboxTopUpEnabled && (
            <LinkRow href="#/me/wallet/top-up" label={t('wallet.topUp')} testId="wallet-top-up" />
          )}
          {bank.data && (
            <LinkRow href="#/me/wallet/bank-top-up" label={t('pay.bank.link')} testId="wallet-bank-top-up" />
          )}
          {bank.data && <LinkRow href="#/me/wallet/withdraw" label={t('pay.withdraw.link')} testId="wallet-withdraw" />}
          <LinkRow href="#/me/wallet/scan" label={t('pay.scan.link')} testId="wallet-scan" />
          <LinkRow href="#/me/wallet/payment-code" label={t('pay.code.link')} testId="wallet-payment-code" />
          <LinkRow href="#/me/wallet/merchant" label={t('pay.merchant.link')} testId="wallet-merchant" />
          <LinkRow href="#/me/wallet/history" label={t('wallet.history')} testId="wallet-history" />
          <LinkRow
            href="#/me/wallet/pin"
            label={data.pinSet ? t('wallet.changePin') : t('wallet.setPin')}
            testId="wallet-pin"
          />
        </Section>
      )}
    </Screen>
  );
}
