// A shop's point-of-sale keys, which tills use for the POS API.
import { useState } from 'preact/hooks';
import { useAction, useLoad } from '../../hooks';
import { useApp } from '../../state';
import type { ApiKey } from '../wallet';
import { CopyField, PayErrorText, usePayApi } from '../wallet';

/** The shop's point-of-sale keys: a new key's secret is shown once; revoking stops it at once. */
export function PosKeys({ shopId }: { shopId: string }) {
  const { t, language } = useApp();
  const payApi = usePayApi();
  const keys = useLoad(() => payApi.listMerchantApiKeys(shopId), [shopId]);
  const action = useAction();
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<ApiKey | null>(null);
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });

  const create = async (event: Event) => {
    event.preventDefault();
    const key = await action.run(() => payApi.createMerchantApiKey(shopId, label.trim() || 'till'));
    if (key) {
      setCreated(key);
      setLabel('');
      keys.reload();
    }
  };
  const revoke = (keyId: string) =>
    action.run(async () => {
      await payApi.revokeMerchantApiKey(shopId, keyId);
      if (created?.id === keyId) setCreated(null);
      keys.reload();
    });

  return (
    <div data-testid="merchant-keys">
      <h3 class="padded">{t('merchantOwner.keys')}</h3>
      <p class="muted padded">{t('merchantOwner.keysExplain')}</p>
      <PayErrorText error={keys.error ?? action.error} />
      {created && <CopyField label={t('merchantOwner.keyCreated')} value={created.key} testId="merchant-key-secret" />}
      {keys.data && keys.data.items.length === 0 && <p class="empty">{t('merchantOwner.keysNone')}</p>}
      <ul class="list">
        {keys.data?.items.map((key) => (
          <li key={key.id} class="row" data-testid="merchant-key">
            <span class="row-main">
              {key.label ?? key.id}
              <small class="muted">{date.format(new Date(key.createdAt))}</small>
            </span>
            {key.revokedAt ? (
              <small class="muted" data-testid="merchant-key-revoked">
                {t('merchantOwner.keyRevoked')}
              </small>
            ) : (
              <button
                type="button"
                class="small"
                disabled={action.busy}
                data-testid="merchant-key-revoke"
                onClick={() => void revoke(key.id)}
              >
                {t('merchantOwner.keyRevoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form class="form padded" onSubmit={create} data-testid="merchant-key-form">
        <label>
          {t('merchantOwner.keyLabel')}
          <input name="keyLabel" maxLength={100} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <button type="submit" class="small" disabled={action.busy} data-testid="merchant-key-create">
          {t('merchantOwner.keyCreate')}
        </button>
      </form>
    </div>
  );
}
