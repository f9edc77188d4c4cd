// Send a contact request to an exact username (there is no search, by design), or scan the other
// person's code (their contact link as a QR code), which opens the link's request screen.
import { useState } from 'preact/hooks';
import { contactLinkTokenOf } from './contact-links';
import type { SendContactRequestResponse } from '../../api/types';
import { ErrorText, Screen } from '../../components/shell';
import { canScanQrCodes, QrScanner, ScanFailureText, type ScanFailure } from '../../components/qr/QrScanner';
import { useAction } from '../../hooks';
import { navigate } from '../../router';
import { useApi, useApp } from '../../state';
import { ContactsApi } from './api';

export function AddContactScreen() {
  const { t } = useApp();
  const contactsApi = useApi(ContactsApi);
  const [username, setUsername] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<SendContactRequestResponse | null>(null);
  const action = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    setResult(null);
    const sent = await action.run(() => contactsApi.sendContactRequest(username.trim(), note.trim() || undefined));
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
          <input
            name="username"
            required
            autocapitalize="none"
            spellcheck={false}
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
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
        <button type="submit" class="primary" disabled={action.busy}>
          {t('contacts.send')}
        </button>
      </form>
      <ScanContactCode />
    </Screen>
  );
}

/** Scans the other person's my-code QR and opens their contact link. */
function ScanContactCode() {
  const { t } = useApp();
  const [scanning, setScanning] = useState(false);
  const [failure, setFailure] = useState<ScanFailure | null>(null);
  const [invalid, setInvalid] = useState(false);
  if (!canScanQrCodes()) return null;
  return (
    <div class="card padded form" data-testid="contact-scan">
      {scanning ? (
        <>
          <QrScanner
            hint={t('scan.contact.hint')}
            onText={(text) => {
              setScanning(false);
              const token = contactLinkTokenOf(text);
              setInvalid(!token);
              if (token) navigate(`/c/${token}`);
            }}
            onFailure={(reason) => {
              setScanning(false);
              setFailure(reason);
            }}
          />
          <button type="button" class="block" onClick={() => setScanning(false)}>
            {t('link.scanStop')}
          </button>
        </>
      ) : (
        <button
          type="button"
          data-testid="contact-scan-start"
          onClick={() => {
            setFailure(null);
            setInvalid(false);
            setScanning(true);
          }}
        >
          {t('scan.contact.button')}
        </button>
      )}
      {invalid && (
        <p class="error" role="alert" data-testid="error">
          {t('scan.contact.invalid')}
        </p>
      )}
      <ScanFailureText failure={failure} instead={t('scan.instead.contact')} />
    </div>
  );
}
