// Scan to pay: read a shop's EMVCo QR code with the camera (devicelink/QrScanner) or paste its text; the code is checked here (CRC, Atrium template, euro) so the payer sees
// the shop, its city and a fixed amount, or types the amount of a static code, before the PIN.
// The payment carries an Idempotency-Key that stays while the same payment is retried.
import { useRef, useState } from 'preact/hooks';
import type { MerchantPayment } from './pay-api';
import { Screen } from '../../components/shell';
import { canScanQrCodes, QrScanner, ScanFailureText, type ScanFailure } from '../../components/qr/QrScanner';
import { useAction } from '../../hooks';
import { currentRoute, navigate } from '../../router';
import { useApp } from '../../state';
import { readMerchantCode, type ScannedMerchantCode } from './emvco';
import { IdempotentAction } from './idempotency';
import { formatCents, parseCents } from './money';
import { isPin, PinInput } from './common';
import { PayErrorText, usePayApi } from './pay-common';

/** `scanned`: a shop's code Discover → Scan read (/discover/scan/pay/<code>), shown at once. */
export function ScanPayScreen({ scanned: scannedText }: { scanned?: string } = {}) {
  const { t, language } = useApp();
  // Reached from Discover's scanner or from the wallet: Back returns to where the person came from.
  const back = currentRoute().startsWith('/discover/') ? '/discover/scan' : '/me/wallet';
  const payApi = usePayApi();
  const action = useAction();
  const payments = useRef(new IdempotentAction<{ payload: string; amountCents: number | null }>());
  const [text, setText] = useState('');
  const [scanning, setScanning] = useState(false);
  const [scanFailed, setScanFailed] = useState<ScanFailure | null>(null);
  const [readError, setReadError] = useState<unknown>(null);
  const [scanned, setScanned] = useState<{ payload: string; code: ScannedMerchantCode } | null>(() => {
    if (scannedText === undefined) return null;
    try {
      return { payload: scannedText.trim(), code: readMerchantCode(scannedText) };
    } catch {
      // Discover checked the code before opening this screen; a hand-edited route shows the form.
      return null;
    }
  });
  const [amount, setAmount] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<'wallet.amountInvalid' | 'wallet.pinFormat' | null>(null);
  const [paid, setPaid] = useState<MerchantPayment | null>(null);

  const read = (value: string) => {
    setScanning(false);
    setReadError(null);
    setPaid(null);
    action.clearError();
    try {
      const payload = value.trim();
      setScanned({ payload, code: readMerchantCode(payload) });
    } catch (error) {
      setScanned(null);
      setReadError(error);
    }
  };

  const pay = async (event: Event) => {
    event.preventDefault();
    if (!scanned) return;
    const fixed = scanned.code.amountCents;
    const amountCents = fixed ?? parseCents(amount);
    const problem = amountCents === null ? 'wallet.amountInvalid' : !isPin(pin) ? 'wallet.pinFormat' : null;
    setProblem(problem);
    if (problem || amountCents === null) return;
    // A dynamic code carries its amount; the server wants it absent or equal, so it is left out.
    const request = { payload: scanned.payload, amountCents: fixed === null ? amountCents : null };
    const result = await action.run(() =>
      payments.current.run(request, (key) => payApi.payMerchant(request.payload, request.amountCents, pin, key)),
    );
    setPin('');
    if (result) setPaid(result);
  };

  const restart = () => {
    // Opened by Discover's scanner: scanning again happens there.
    if (scannedText !== undefined) {
      navigate('/discover/scan');
      return;
    }
    setScanned(null);
    setPaid(null);
    setText('');
    setAmount('');
    action.clearError();
  };

  if (paid && scanned) {
    return (
      <Screen title={t('pay.scan.title')} back={back}>
        <div class="card padded code" data-testid="scan-paid">
          <p class="success" role="status">
            {t('pay.scan.paid', {
              amount: formatCents(paid.amountCents, language),
              merchant: scanned.code.merchantName,
            })}
          </p>
          <small class="muted">{t('pay.scan.paymentId', { id: paid.id })}</small>
          <div class="inline">
            <button type="button" class="small" onClick={() => navigate('/me/wallet')}>
              {t('pay.scan.toWallet')}
            </button>
            <button type="button" class="small" onClick={restart}>
              {t('pay.scan.again')}
            </button>
          </div>
        </div>
      </Screen>
    );
  }

  return (
    <Screen title={t('pay.scan.title')} back={back}>
      {!scanned && (
        <form
          class="form card padded"
          data-testid="scan-form"
          onSubmit={(event) => {
            event.preventDefault();
            read(text);
          }}
        >
          {scanning && (
            <QrScanner
              onText={read}
              onFailure={(failure) => {
                setScanning(false);
                setScanFailed(failure);
              }}
            />
          )}
          {canScanQrCodes() && !scanning && (
            <button
              type="button"
              class="primary"
              data-testid="scan-camera"
              onClick={() => {
                setScanFailed(null);
                setScanning(true);
              }}
            >
              {t('pay.scan.camera')}
            </button>
          )}
          {scanning && (
            <button type="button" class="small" onClick={() => setScanning(false)}>
              {t('link.scanStop')}
            </button>
          )}
          <ScanFailureText failure={scanFailed} instead={t('scan.instead.payment')} />
          <label>
            {t('pay.scan.pasteLabel')}
            <textarea
              name="payload"
              rows={3}
              autocomplete="off"
              spellcheck={false}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            <small>{t('pay.scan.pasteHint')}</small>
          </label>
          <PayErrorText error={readError} />
          <button type="submit" disabled={text.trim() === ''} data-testid="scan-read">
            {t('pay.scan.read')}
          </button>
        </form>
      )}
      {scanned && (
        <form class="form card padded" onSubmit={pay} data-testid="scan-pay-form" novalidate>
          <div>
            <div class="profile-name" data-testid="scan-merchant">
              {scanned.code.merchantName}
            </div>
            <small class="muted" data-testid="scan-city">
              {scanned.code.merchantCity}
            </small>
            {scanned.code.billNumber && (
              <small class="muted"> · {t('pay.scan.bill', { bill: scanned.code.billNumber })}</small>
            )}
          </div>
          {scanned.code.amountCents !== null ? (
            <p class="wallet-balance" data-testid="scan-amount">
              {formatCents(scanned.code.amountCents, language)}
            </p>
          ) : (
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
          )}
          <PinInput name="pin" label={t('pay.pin')} value={pin} onInput={setPin} />
          {problem && (
            <p class="error" role="alert" data-testid="error">
              {t(problem)}
            </p>
          )}
          <PayErrorText error={action.error} />
          <button type="submit" class="primary" disabled={action.busy} data-testid="scan-pay-submit">
            {t('pay.scan.pay')}
          </button>
          <button type="button" class="small" onClick={restart}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </Screen>
  );
}
