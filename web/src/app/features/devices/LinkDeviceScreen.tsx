// Approving a new browser's login: reached by opening its link (<server>/link/<code>), or from
// Me → Devices → Link a device by pasting the link or scanning its QR code. Shows the name the
// new device gave itself before anything is decided.
import { useMemo, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { DeviceLinkApi, deviceLinkCodeOf } from './device-links';
import { ErrorText, Loading, Screen } from '../../components/shell';
import { canScanQrCodes, QrScanner, ScanFailureText, type ScanFailure } from '../../components/qr/QrScanner';
import { useAction, useLoad } from '../../hooks';
import { useApp } from '../../state';
import { navigate } from '../../router';

export function LinkDeviceScreen({ code }: { code?: string } = {}) {
  const { t } = useApp();
  return (
    <Screen title={t('link.approveTitle')} back="/me/devices">
      {code ? <LinkDecision key={code} code={code} /> : <LinkEntry />}
    </Screen>
  );
}

/** Paste or scan the new device's link. */
function LinkEntry() {
  const { t } = useApp();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [scanFailed, setScanFailed] = useState<ScanFailure | null>(null);
  const open = (value: string) => {
    const code = deviceLinkCodeOf(value);
    setInvalid(!code);
    if (code) navigate(`/link/${code}`);
  };
  return (
    <div class="card padded">
      <form
        class="form"
        data-testid="link-entry"
        onSubmit={(event) => {
          event.preventDefault();
          open(text);
        }}
      >
        <label>
          {t('link.pasteLabel')}
          <input
            name="link"
            required
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <small>{t('link.pasteHint')}</small>
        </label>
        {invalid && (
          <p class="error" role="alert" data-testid="error">
            {t('link.invalid')}
          </p>
        )}
        <button type="submit" class="primary" data-testid="link-open">
          {t('link.open')}
        </button>
        {canScanQrCodes() && !scanning && (
          <button
            type="button"
            data-testid="link-scan"
            onClick={() => {
              setScanFailed(null);
              setScanning(true);
            }}
          >
            {t('link.scan')}
          </button>
        )}
      </form>
      {scanning && (
        <>
          <QrScanner
            hint={t('link.scanning')}
            onText={(value) => {
              setScanning(false);
              open(value);
            }}
            onFailure={(failure) => {
              setScanning(false);
              setScanFailed(failure);
            }}
          />
          <button type="button" class="block" onClick={() => setScanning(false)}>
            {t('link.scanStop')}
          </button>
        </>
      )}
      <ScanFailureText failure={scanFailed} instead={t('scan.instead.link')} />
    </div>
  );
}

/** Who asks, and Approve / Decline. */
function LinkDecision({ code }: { code: string }) {
  const { api, t, language } = useApp();
  const links = useMemo(() => new DeviceLinkApi(api.client), [api]);
  const pending = useLoad(() => links.lookupDeviceLink(code), [code]);
  const action = useAction();
  const [answer, setAnswer] = useState<'approved' | 'declined' | null>(null);
  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });

  const decide = async (approve: boolean) => {
    const done = await action.run(async () => {
      await (approve ? links.approveDeviceLink(code) : links.declineDeviceLink(code));
      return true;
    });
    if (done) setAnswer(approve ? 'approved' : 'declined');
  };

  if (answer) {
    return (
      <div class="card padded">
        <p class="success" role="status" data-testid="link-answer">
          {answer === 'approved' ? t('link.approved') : t('link.declinedDone')}
        </p>
        <a href="#/me/devices">{t('me.devices')}</a>
      </div>
    );
  }
  const failure = action.error ?? pending.error;
  return (
    <div class="card padded form" data-testid="link-decision">
      {pending.loading && !pending.data && <Loading />}
      {failure instanceof ApiError && failure.status === 404 ? (
        <p class="error" role="alert" data-testid="error">
          {t('link.notFound')}
        </p>
      ) : failure instanceof ApiError && failure.code === 'device_link_answered' ? (
        <p class="error" role="alert" data-testid="error">
          {t('link.answered')}
        </p>
      ) : (
        <ErrorText error={failure} />
      )}
      {pending.data && (
        <>
          <p class="profile-name" data-testid="link-device-name">
            {t('link.asks', { name: pending.data.deviceName })}
          </p>
          <p class="muted">{t('link.asksWarning')}</p>
          <small class="muted">{t('link.expiresAt', { time: time.format(new Date(pending.data.expiresAt)) })}</small>
          <div class="inline">
            <button
              type="button"
              class="primary"
              data-testid="link-approve"
              disabled={action.busy}
              onClick={() => void decide(true)}
            >
              {t('link.approve')}
            </button>
            <button
              type="button"
              class="danger"
              data-testid="link-decline"
              disabled={action.busy}
              onClick={() => void decide(false)}
            >
              {t('link.decline')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
