// Shared by the bank and merchant payment screens: the API bound to the session, error text that
// knows their refusals, a QR image from an SVG Blob, and a copy button.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { PayApi } from './pay-api';
import { useApp } from '../../state';
import { payErrorMessage } from './pay-errors';

export function usePayApi(): PayApi {
  const { api } = useApp();
  return useMemo(() => new PayApi(api.client), [api]);
}

export function PayErrorText({ error }: { error: unknown }) {
  const { t, language } = useApp();
  if (!error) return null;
  return (
    <p class="error" role="alert" data-testid="error">
      {payErrorMessage(t, language, error)}
    </p>
  );
}

/**
 * Shows an SVG QR code fetched as a Blob (the routes need the bearer token) or given as text, from
 * an object URL that is revoked when it changes. An <img> never runs scripts inside the SVG.
 */
export function SvgQr({
  load,
  deps,
  alt,
  testId,
}: {
  load: () => Promise<Blob | null>;
  deps: readonly unknown[];
  alt: string;
  testId: string;
}) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let created: string | null = null;
    let live = true;
    load().then(
      (blob) => {
        if (!live || !blob) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      },
      () => live && setUrl(null),
    );
    return () => {
      live = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, deps);
  return url ? <img class="qr" src={url} alt={alt} width={240} height={240} data-testid={testId} /> : null;
}

/** A labelled value with a button that copies it. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useApp();
  const [copied, setCopied] = useState(false);
  return (
    <div class="row">
      <span class="row-main">
        <small class="muted">{label}</small>
        <code data-testid={testId}>{value}</code>
      </span>
      <button
        type="button"
        class="small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {copied ? t('pay.copied') : t('pay.copy')}
      </button>
    </div>
  );
}
