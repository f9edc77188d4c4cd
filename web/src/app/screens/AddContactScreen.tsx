// Send a contact request to an exact username (there is no search, by design).
import { useState } from 'preact/hooks';
import type { SendContactRequestResponse } from '../api/types';
import { ErrorText, Screen } from '../components/shell';
import { useAction } from '../hooks';
import { useApp } from '../state';

export function AddContactScreen() {
  const { api, t } = useApp();
  const [username, setUsername] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<SendContactRequestResponse | null>(null);
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    setResult(null);
    const sent = await action.run(() => api.sendContactRequest(username.trim(), note.trim() || undefined));
    if (sent) {
      setResult(sent);
      setUsername('');
      setNote('');
    }
  };

  const name = result?.request?.account.displayName ?? result?.contact?.account.displayName ?? '';
  return (
    <Screen title={t('contacts.add')} back="/contacts">
      <form class="form card padded" onSubmit={submit} data-testid="add-contact-form">
        <label>
          {t('contacts.addUsername')}
          <input name="username" required autocapitalize="none" spellcheck={false} value={username}
            onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          {t('contacts.addNote')}
          <input name="note" maxLength={280} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <ErrorText error={action.error} />
        {result && (
          <p class="success" role="status" data-testid="add-result">
            {result.outcome === 'now_contacts'
              ? t('contacts.nowContacts', { name })
              : t('contacts.requestSent', { name })}
          </p>
        )}
        <button type="submit" class="primary" disabled={action.busy}>{t('contacts.send')}</button>
      </form>
    </Screen>
  );
}
