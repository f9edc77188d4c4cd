// "My code": the contact link and its QR code (rendered by the server), and rotating it.
import { useEffect, useState } from 'preact/hooks';
import { ErrorText, Loading, Screen } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { useApi, useApp } from '../../state';
import { ContactsApi } from './api';

export function MyCodeScreen() {
  const { api, t, profile } = useApp();
  const contactsApi = useApi(ContactsApi);
  const link = useLoad(() => contactsApi.getContactLink());
  const action = useAction();
  const [qrUrl, setQrUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  // The QR code needs the bearer token, so it is fetched and shown from a blob URL.
  useEffect(() => {
    if (!link.data) return;
    let url: string | null = null;
    let live = true;
    contactsApi.contactLinkQrSvg().then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setQrUrl(url);
      },
      () => setQrUrl(null),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, link.data?.token]);

  return (
    <Screen title={t('code.title')} back="/me">
      <div class="card padded code">
        <div class="profile-name">{profile?.displayName}</div>
        {link.loading && !link.data && <Loading />}
        <ErrorText error={link.error ?? action.error} />
        {qrUrl && <img class="qr" src={qrUrl} alt={t('code.qrAlt')} width={240} height={240} data-testid="qr" />}
        {link.data && (
          <code class="link-url" data-testid="contact-link">
            {link.data.url}
          </code>
        )}
        <p class="muted">{t('code.explain')}</p>
        <div class="inline">
          <button
            type="button"
            class="small"
            disabled={!link.data}
            onClick={async () => {
              if (!link.data) return;
              await action.run(() => navigator.clipboard.writeText(link.data!.url));
              setCopied(true);
            }}
          >
            {t('code.copy')}
          </button>
          <button
            type="button"
            class="small danger"
            data-testid="rotate"
            disabled={action.busy}
            onClick={async () => {
              if (!confirm(t('code.confirmRotate'))) return;
              await action.run(() => contactsApi.rotateContactLink());
              setCopied(false);
              link.reload();
            }}
          >
            {t('code.rotate')}
          </button>
        </div>
        {copied && (
          <p class="success" role="status">
            {t('code.copied')}
          </p>
        )}
      </div>
    </Screen>
  );
}
