// Me → Account: change the password, download everything the server holds, delete the account.
// Changing the password and deleting open as bottom sheets over Me; the export is a download.
import { useState } from 'preact/hooks';
import { Section } from '../../components/shell';
import { Sheet } from '../../components/sheet';
import { useAction } from '../../hooks';
import { useApi, useApp } from '../../state';
import { AccountApi } from './api';
import { accountErrorMessage, exportFileName, passwordProblem, type PasswordProblem } from './account-rules';

export function AccountSection() {
  const { t } = useApp();
  const [open, setOpen] = useState<'password' | 'delete' | null>(null);
  const download = useAction();
  const exportData = useExport(download.run);
  return (
    <Section title={t('account.title')}>
      <button type="button" class="row row-button" data-testid="change-password" onClick={() => setOpen('password')}>
        {t('account.password.open')}
      </button>
      <button
        type="button"
        class="row row-button"
        data-testid="export-data"
        disabled={download.busy}
        onClick={exportData}
      >
        {t('account.export.open')}
      </button>
      {download.error && (
        <div class="padded">
          <AccountErrorText error={download.error} />
        </div>
      )}
      <button
        type="button"
        class="row row-button danger"
        data-testid="delete-account"
        onClick={() => setOpen('delete')}
      >
        {t('account.delete.open')}
      </button>
      {open === 'password' && <ChangePasswordSheet onClose={() => setOpen(null)} />}
      {open === 'delete' && <DeleteAccountSheet onClose={() => setOpen(null)} />}
    </Section>
  );
}

/** Downloads the server's export as it is, named after the account and today. */
function useExport(run: ReturnType<typeof useAction>['run']) {
  const { session, profile } = useApp();
  const accountApi = useApi(AccountApi);
  return () =>
    run(async () => {
      const url = URL.createObjectURL(await accountApi.exportAccount());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = exportFileName(profile?.username ?? session?.username ?? '', new Date());
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
}

function AccountErrorText({ error }: { error: unknown }) {
  const { t } = useApp();
  if (!error) return null;
  return (
    <p class="error" role="alert" data-testid="error">
      {accountErrorMessage(t, error)}
    </p>
  );
}

function PasswordField({
  name,
  label,
  value,
  onInput,
  autocomplete,
}: {
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  autocomplete: 'current-password' | 'new-password';
}) {
  return (
    <label>
      {label}
      <input
        name={name}
        type="password"
        autocomplete={autocomplete}
        required
        maxLength={256}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </label>
  );
}

/** Current password, the new one twice. The server logs out every other device of the account. */
function ChangePasswordSheet({ onClose }: { onClose: () => void }) {
  const { t } = useApp();
  const accountApi = useApi(AccountApi);
  const action = useAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = passwordProblem(current, next, repeat);
    setProblem(found);
    if (found) return;
    const changed = await action.run(async () => {
      await accountApi.changePassword(current, next);
      return true;
    });
    if (changed) {
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    }
  };

  return (
    <Sheet title={t('account.password.title')} onClose={onClose} step={done ? 'done' : 'form'} testId="password-sheet">
      {done ? (
        <div class="form">
          <p class="success" role="status" data-testid="password-changed">
            {t('account.password.changed')}
          </p>
          <button type="button" class="primary" data-testid="password-done" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      ) : (
        <form class="form" onSubmit={submit} data-testid="password-form">
          <p class="muted">{t('account.password.explain')}</p>
          <PasswordField
            name="currentPassword"
            label={t('account.password.current')}
            value={current}
            onInput={setCurrent}
            autocomplete="current-password"
          />
          <PasswordField
            name="newPassword"
            label={t('account.password.new')}
            value={next}
            onInput={setNext}
            autocomplete="new-password"
          />
          <PasswordField
            name="newPasswordRepeat"
            label={t('account.password.repeat')}
            value={repeat}
            onInput={setRepeat}
            autocomplete="new-password"
          />
          {problem && (
            <p class="error" role="alert" data-testid="error">
              {t(problem)}
            </p>
          )}
          <AccountErrorText error={action.error} />
          <button type="submit" class="primary" disabled={action.busy} data-testid="password-submit">
            {t('account.password.submit')}
          </button>
        </form>
      )}
    </Sheet>
  );
}

/**
 * What deletion erases and what stays (as the server does it: docs/ARCHITECTURE.md, "Account
 * deletion"), then the password. Once the server has deleted the account, this device forgets
 * its session, keys and chats (signOut) and shows the welcome screen.
 */
function DeleteAccountSheet({ onClose }: { onClose: () => void }) {
  const { t, signOut } = useApp();
  const accountApi = useApi(AccountApi);
  const action = useAction();
  const [password, setPassword] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    const deleted = await action.run(async () => {
      await accountApi.deleteAccount(password);
      return true;
    });
    if (deleted) await signOut('account.delete.done');
  };

  return (
    <Sheet title={t('account.delete.title')} onClose={onClose} testId="delete-sheet">
      <form class="form" onSubmit={submit} data-testid="delete-form">
        <p>{t('account.delete.erased')}</p>
        <ul class="sheet-list" data-testid="delete-erased">
          <li>{t('account.delete.erasedProfile')}</li>
          <li>{t('account.delete.erasedDevices')}</li>
          <li>{t('account.delete.erasedContacts')}</li>
          <li>{t('account.delete.erasedChats')}</li>
          <li>{t('account.delete.erasedFiles')}</li>
          <li>{t('account.delete.erasedSettings')}</li>
        </ul>
        <p>{t('account.delete.kept')}</p>
        <ul class="sheet-list" data-testid="delete-kept">
          <li>{t('account.delete.keptLedger')}</li>
          <li>{t('account.delete.keptShops')}</li>
          <li>{t('account.delete.keptMessages')}</li>
        </ul>
        <p class="muted">{t('account.delete.moneyFirst')}</p>
        <PasswordField
          name="password"
          label={t('account.delete.password')}
          value={password}
          onInput={setPassword}
          autocomplete="current-password"
        />
        <AccountErrorText error={action.error} />
        <button type="submit" class="primary danger-fill" disabled={action.busy} data-testid="delete-submit">
          {t('account.delete.submit')}
        </button>
      </form>
    </Sheet>
  );
}
