// Someone's contact link (/c/<token>) was opened: offer to send them a request.
import { useState } from 'preact/hooks';
import { ErrorText, Screen } from '../../components/shell';
import { useAction } from '../../hooks';
import { useApi, useApp } from '../../state';
import { ContactsApi } from './api';

export function ContactLinkScreen({ token }: { token: string }) {
  const { t } = useApp();
  const contactsApi = useApi(ContactsApi);
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  return (
    <Screen title={t('link.title')} back="/contacts">
      <form
        class="form card padded"
        data-testid="contact-link-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const sent = await action.run(() => contactsApi.redeemContactLink(token, note.trim() || undefined));
          if (sent) setDone(true);
        }}
      >
        <p>{t('link.explain')}</p>
        <label>
          {t('contacts.addNote')}
          <input name="note" maxLength={280} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <ErrorText error={action.error} />
        {done && (
          <p class="success" role="status" data-testid="link-result">
            {t('link.sent')}
          </p>
        )}
        <button type="submit" class="primary" disabled={action.busy || done}>
          {t('link.send')}
        </button>
      </form>
    </Screen>
  );
}
