// Top-up by bank transfer: the operator's account, the user's own reference and the EPC QR code
// (GiroCode) that banking apps read, all from the server. An amount is optional; it only goes
// into the QR code, the bank credits whatever arrives with the reference.
import { useState } from 'preact/hooks';
import { Loading, Screen, Section } from '../../components/shell';
import { useLoad } from '../../hooks';
import { useApp } from '../../state';
import { formatIban } from './iban';
import { formatCents, parseCents } from './money';
import { CopyField, PayErrorText, SvgQr, usePayApi } from './pay-common';

export function WalletBankTopUpScreen() {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const [amount, setAmount] = useState('');
  const [amountCents, setAmountCents] = useState<number | null>(null);
  const [invalid, setInvalid] = useState(false);
  const instructions = useLoad(() => payApi.getTopUpInstructions(amountCents), [amountCents]);
  const data = instructions.data;

  const apply = (event: Event) => {
    event.preventDefault();
    if (amount.trim() === '') {
      setInvalid(false);
      setAmountCents(null);
      return;
    }
    const cents = parseCents(amount);
    setInvalid(cents === null);
    if (cents !== null) setAmountCents(cents);
  };

  return (
    <Screen title={t('pay.bank.title')} back="/me/wallet">
      <PayErrorText error={instructions.error} />
      {instructions.loading && !data && <Loading />}
      {data && (
        <>
          <div class="card padded code">
            <SvgQr
              load={() => payApi.topUpQrSvg(amountCents)}
              deps={[payApi, amountCents, data.reference]}
              alt={t('pay.bank.qrAlt')}
              testId="bank-top-up-qr"
            />
            <p class="muted">{t('pay.bank.explain')}</p>
            {data.amountCents ? (
              <p data-testid="bank-top-up-amount">{formatCents(data.amountCents, language)}</p>
            ) : null}
          </div>
          <Section title={t('pay.bank.details')}>
            <CopyField label={t('pay.bank.beneficiary')} value={data.beneficiaryName} testId="bank-beneficiary" />
            <CopyField label="IBAN" value={formatIban(data.iban)} testId="bank-iban" />
            {data.bic && <CopyField label="BIC" value={data.bic} testId="bank-bic" />}
            <CopyField label={t('pay.bank.reference')} value={data.reference} testId="bank-reference" />
          </Section>
          <p class="muted">{t('pay.bank.referenceHint')}</p>
          <form class="form card padded" onSubmit={apply} data-testid="bank-top-up-form">
            <label>
              {t('pay.bank.amountOptional')}
              <input
                name="amount"
                inputMode="decimal"
                autocomplete="off"
                value={amount}
                onInput={(e) => setAmount(e.currentTarget.value)}
              />
              <small>{t('wallet.amountHint')}</small>
            </label>
            {invalid && (
              <p class="error" role="alert">
                {t('wallet.amountInvalid')}
              </p>
            )}
            <button type="submit" class="small">
              {t('pay.bank.updateQr')}
            </button>
          </form>
        </>
      )}
    </Screen>
  );
}
