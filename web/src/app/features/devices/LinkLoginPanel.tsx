// On the login screen: log this browser in by QR code. It asks the server for a link, shows
// it as a QR code and as text, and polls until a logged-in device approves (the answer carries
// this device's session), declines, or the link expires; then it offers a new code.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { DeviceLinkApi, type DeviceLink } from './device-links';
import { deviceNameFor } from './device-name';
import { ErrorText, Loading } from '../../components/shell';
import { pollDeviceLink, type PollOutcome } from './poller';
import { useApp } from '../../state';

type Phase =
  | { kind: 'creating' }
  | { kind: 'waiting'; link: DeviceLink }
  | { kind: 'ended'; outcome: Exclude<PollOutcome, { kind: 'approved' }> }
  | { kind: 'failed'; error: unknown };

export function LinkLoginPanel({ onCancel }: { onCancel: () => void }) {
  const { api, t, language, signedIn } = useApp();
  const links = useMemo(() => new DeviceLinkApi(api.client), [api]);
  const [attempt, setAttempt] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'creating' });
  const [transient, setTransient] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    let stop = () => undefined as void;
    let live = true;
    setPhase({ kind: 'creating' });
    setCopied(false);
    links.createDeviceLink(deviceNameFor(navigator.userAgent, t)).then(
      (link) => {
        if (!live) return;
        setPhase({ kind: 'waiting', link });
        stop = pollDeviceLink({
          poll: () => links.pollDeviceLink(link.pollSecret),
          expiresAtMillis: Date.parse(link.expiresAt),
          onTransientError: setTransient,
          onOutcome: (outcome) => {
            if (outcome.kind === 'approved') void signedIn(outcome.session);
            else setPhase({ kind: 'ended', outcome });
          },
        });
      },
      (error: unknown) => live && setPhase({ kind: 'failed', error }),
    );
    return () => {
      live = false;
      stop();
    };
  }, [links, attempt]);

  const time = new Intl.DateTimeFormat(language, { timeStyle: 'short' });
  const newCode = (
    <button type="button" class="primary" data-testid="link-new-code" onClick={() => setAttempt((n) => n + 1)}>
      {t('link.newCode')}
    </button>
  );
  return (
    <div class="card padded code" data-testid="link-login">
      <h2>{t('link.loginTitle')}</h2>
      {phase.kind === 'creating' && <Loading />}
      {phase.kind === 'waiting' && (
        <>
          <p class="muted">{t('link.loginExplain')}</p>
          <img
            class="qr"
            alt={t('link.qrAlt')}
            width={240}
            height={240}
            data-testid="link-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(phase.link.qrSvg)}`}
          />
          <code class="link-url" data-testid="link-url">
            {phase.link.url}
          </code>
          <button
            type="button"
            class="small"
            onClick={async () => {
              await navigator.clipboard.writeText(phase.link.url).then(
                () => setCopied(true),
                () => undefined,
              );
            }}
          >
            {t('link.copy')}
          </button>
          {copied && (
            <p class="success" role="status">
              {t('link.copied')}
            </p>
          )}
          <p class="muted" role="status" data-testid="link-status">
            {t('link.waiting', { time: time.format(new Date(phase.link.expiresAt)) })}
          </p>
          <ErrorText error={transient} />
        </>
      )}
      {phase.kind === 'ended' && (
        <>
          {phase.outcome.kind === 'failed' ? (
            <ErrorText error={phase.outcome.error} />
          ) : (
            <p class="notice" role="status" data-testid="link-status">
              {phase.outcome.kind === 'declined' ? t('link.declined') : t('link.expired')}
            </p>
          )}
          {newCode}
        </>
      )}
      {phase.kind === 'failed' && (
        <>
          <ErrorText error={phase.error} />
          {newCode}
        </>
      )}
      <button type="button" class="link" data-testid="link-cancel" onClick={onCancel}>
        {t('link.backToPassword')}
      </button>
    </div>
  );
}
