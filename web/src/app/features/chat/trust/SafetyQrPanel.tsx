// On the safety number screen: the number as a QR code, and "Scan to verify" (the camera where
// the browser can read QR codes, pasting the code's text everywhere). A scanned code that
// matches marks the contact verified; one that does not shows a clear warning.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useEscapeToClose } from '../../../components/escape';
import { canScanQrCodes, QrScanner, ScanFailureText, type ScanFailure } from '../../../components/qr/QrScanner';
import { useLoad } from '../../../hooks';
import type { MessageKey } from '../../../catalogue';
import { useApp } from '../../../state';
import type { SafetyQrComparison } from './safety-qr';

const RESULT_TEXT: Record<SafetyQrComparison, MessageKey> = {
  match: 'safetyQr.match',
  mismatch: 'safetyQr.mismatch',
  'other-people': 'safetyQr.otherPeople',
  invalid: 'safetyQr.invalid',
};

export function SafetyQrPanel({
  ownId,
  peerId,
  number,
  name,
  scanned,
  onMatch,
}: {
  ownId: string;
  peerId: string;
  number: string;
  name: string;
  /** A code scanned before this screen opened (Discover → Scan), compared once the encoder is loaded. */
  scanned?: string;
  /** Called when a scanned code matches (the screen marks the contact verified). */
  onMatch: () => Promise<void>;
}) {
  const { t } = useApp();
  // The QR encoder is loaded with this screen, not with the app.
  const module = useLoad(() => import('./safety-qr'));
  const [scanning, setScanning] = useState(false);
  const [scanFailed, setScanFailed] = useState<ScanFailure | null>(null);
  const [text, setText] = useState('');
  const [result, setResult] = useState<SafetyQrComparison | null>(null);
  useEscapeToClose(scanning, () => setScanning(false));

  const qr = module.data;
  const svgUrl = qr
    ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.safetyQrSvg(qr.safetyQrText(ownId, peerId, number)))}`
    : null;

  const compare = async (scanned: string) => {
    if (!qr) return;
    setScanning(false);
    const outcome = qr.compareSafetyQr(scanned, ownId, peerId, number);
    setResult(outcome);
    if (outcome === 'match') await onMatch();
  };

  const scannedCompared = useRef(false);
  useEffect(() => {
    if (!qr || scanned === undefined || scannedCompared.current) return;
    scannedCompared.current = true;
    setText(scanned);
    void compare(scanned);
  }, [qr, scanned]);

  return (
    <div class="safety-qr">
      {svgUrl && (
        <img
          class="qr"
          src={svgUrl}
          alt={t('safetyQr.alt', { name })}
          width={240}
          height={240}
          data-testid="safety-qr"
        />
      )}
      <p class="muted">{t('safetyQr.explain', { name })}</p>
      <form
        class="form"
        data-testid="safety-scan-form"
        onSubmit={(event) => {
          event.preventDefault();
          void compare(text);
        }}
      >
        {scanning && (
          <QrScanner
            hint={t('safetyQr.explain', { name })}
            onText={(scanned) => void compare(scanned)}
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
            data-testid="safety-scan"
            onClick={() => {
              setScanFailed(null);
              setResult(null);
              setScanning(true);
            }}
          >
            {t('safetyQr.scan')}
          </button>
        )}
        {scanning && (
          <button type="button" class="small" onClick={() => setScanning(false)}>
            {t('link.scanStop')}
          </button>
        )}
        <ScanFailureText failure={scanFailed} instead={t('scan.instead.payment')} />
        <label>
          {t('safetyQr.pasteLabel')}
          <textarea
            name="safetyCode"
            rows={2}
            autocomplete="off"
            spellcheck={false}
            value={text}
            maxLength={512}
            data-testid="safety-paste"
            onInput={(e) => {
              setText(e.currentTarget.value);
              setResult(null);
            }}
          />
        </label>
        <button type="submit" disabled={!qr || text.trim() === ''} data-testid="safety-compare">
          {t('safetyQr.compare')}
        </button>
      </form>
      {result && (
        <p
          class={result === 'match' ? 'success' : 'notice'}
          role={result === 'match' ? 'status' : 'alert'}
          data-testid="safety-result"
          data-result={result}
        >
          {t(RESULT_TEXT[result], { name })}
        </p>
      )}
    </div>
  );
}
