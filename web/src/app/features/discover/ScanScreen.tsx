// Discover → Scan: one scanner for every code Atrium makes (scanned-code.ts says which). A
// recognised code opens its screen — adding the contact, approving the new device, paying the
// shop, verifying the contact's safety number — and anything else is "not an Atrium code".
// Pasting the code's text works where there is no camera.
import { useState } from 'preact/hooks';
import { canScanQrCodes, QrScanner, ScanFailureText, type ScanFailure } from '../../components/qr/QrScanner';
import { Screen } from '../../components/shell';
import type { MessageKey } from '../../catalogue';
import { navigate } from '../../router';
import { useApp } from '../../state';
import { classifyScannedCode, routeOfScannedCode, type ScannedCode } from './scanned-code';

const PAYMENT_REFUSAL: Record<Extract<ScannedCode, { kind: 'foreign-payment' }>['reason'], MessageKey> = {
  format: 'pay.scan.error.format',
  crc: 'pay.scan.error.crc',
  'not-atrium': 'pay.scan.error.notAtrium',
  currency: 'pay.scan.error.currency',
};

/** The message for a code that opens nothing. */
function refusalOf(code: ScannedCode): MessageKey {
  if (code.kind === 'foreign-payment') return PAYMENT_REFUSAL[code.reason];
  if (code.kind === 'safety-number') return 'discoverScan.safetyOtherPeople';
  return 'discoverScan.notAtrium';
}

export function ScanScreen() {
  const { t, session } = useApp();
  const [text, setText] = useState('');
  const [scanning, setScanning] = useState(false);
  const [scanFailed, setScanFailed] = useState<ScanFailure | null>(null);
  const [refusal, setRefusal] = useState<MessageKey | null>(null);

  const read = (value: string) => {
    setScanning(false);
    const code = classifyScannedCode(value, session?.accountId ?? '');
    const route = routeOfScannedCode(code);
    if (route) navigate(route);
    else setRefusal(refusalOf(code));
  };

  return (
    <Screen title={t('discover.scan')} back="/discover">
      <form
        class="form card padded"
        data-testid="scan-form"
        onSubmit={(event) => {
          event.preventDefault();
          read(text);
        }}
      >
        <p class="muted">{t('discoverScan.explain')}</p>
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
              setRefusal(null);
              setScanning(true);
            }}
          >
            {t('discoverScan.camera')}
          </button>
        )}
        {scanning && (
          <button type="button" class="small" onClick={() => setScanning(false)}>
            {t('link.scanStop')}
          </button>
        )}
        <ScanFailureText failure={scanFailed} instead={t('scan.instead.payment')} />
        {refusal && (
          <p class="error" role="alert" data-testid="error">
            {t(refusal)}
          </p>
        )}
        <label>
          {t('pay.scan.pasteLabel')}
          <textarea
            name="payload"
            rows={3}
            autocomplete="off"
            spellcheck={false}
            value={text}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setRefusal(null);
            }}
          />
        </label>
        <button type="submit" disabled={text.trim() === ''} data-testid="scan-read">
          {t('pay.scan.read')}
        </button>
      </form>
    </Screen>
  );
}
