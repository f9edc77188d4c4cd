// Me > Backup: save this device's chats to a passphrase-protected file, or restore one. After a
// restore the page reloads, so the chat engine starts again from the restored database.
import { useState } from 'preact/hooks';
import { ErrorText, Screen, Section } from '../../../components/shell';
import { useApp } from '../../../state';
import type { BackupProblem, RestoreSummary } from './backup';
import { PASSPHRASE_MIN_LENGTH } from './backup-limits';
import { deviceDb } from './device-db';

/** argon2id and the backup code load when used, not with the app. */
const loadBackup = () => import('./backup');

export function BackupScreen() {
  const { t, session } = useApp();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState<'export' | 'restore' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [download, setDownload] = useState<{ url: string; name: string } | null>(null);
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [restored, setRestored] = useState<RestoreSummary | null>(null);

  const fail = (caught: unknown) => {
    const problem = (caught as { problem?: BackupProblem } | null)?.problem;
    if (problem) setProblem(t(`trust.backup.error.${problem}`));
    else setError(caught);
  };

  return (
    <Screen title={t('trust.backup.title')} back="/me">
      <p class="muted">{t('trust.backup.explain')}</p>
      {problem && (
        <p class="notice" role="alert" data-testid="backup-problem">
          {problem}
        </p>
      )}
      <ErrorText error={error} />
      <Section title={t('trust.backup.exportTitle')}>
        <form
          class="form padded"
          onSubmit={async (event) => {
            event.preventDefault();
            setProblem(null);
            setError(null);
            if (passphrase !== repeat) return setProblem(t('trust.backup.mismatch'));
            setBusy('export');
            try {
              const { collectBackup, encryptBackup } = await loadBackup();
              const contents = await collectBackup(deviceDb(session!.deviceId), session!.accountId, session!.deviceId);
              const text = await encryptBackup(contents, passphrase);
              if (download) URL.revokeObjectURL(download.url);
              const day = new Date().toISOString().slice(0, 10);
              setDownload({
                url: URL.createObjectURL(new Blob([text], { type: 'application/json' })),
                name: `atrium-backup-${day}.json`,
              });
              setPassphrase('');
              setRepeat('');
            } catch (caught) {
              fail(caught);
            } finally {
              setBusy(null);
            }
          }}
        >
          <label>
            {t('trust.backup.passphrase', { min: PASSPHRASE_MIN_LENGTH })}
            <input
              type="password"
              autocomplete="new-password"
              required
              minLength={PASSPHRASE_MIN_LENGTH}
              maxLength={1024}
              value={passphrase}
              data-testid="backup-passphrase"
              onInput={(e) => setPassphrase(e.currentTarget.value)}
            />
          </label>
          <label>
            {t('trust.backup.repeat')}
            <input
              type="password"
              autocomplete="new-password"
              required
              maxLength={1024}
              value={repeat}
              data-testid="backup-repeat"
              onInput={(e) => setRepeat(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary" disabled={busy !== null} data-testid="backup-export">
            {busy === 'export' ? t('trust.backup.working') : t('trust.backup.export')}
          </button>
          {download && (
            <a class="button-link" href={download.url} download={download.name} data-testid="backup-download">
              {t('trust.backup.download', { name: download.name })}
            </a>
          )}
        </form>
      </Section>
      <Section title={t('trust.backup.restoreTitle')}>
        <form
          class="form padded"
          onSubmit={async (event) => {
            event.preventDefault();
            setProblem(null);
            setError(null);
            if (!file) return;
            setBusy('restore');
            try {
              const { decryptBackup, restoreBackup } = await loadBackup();
              const contents = await decryptBackup(await file.text(), restorePassphrase);
              const summary = await restoreBackup(deviceDb(session!.deviceId), contents, session!);
              setRestored(summary);
              setRestorePassphrase('');
              // A full restore replaced the MLS state: start the engine again before it writes its old state.
              if (summary.mode === 'full') location.reload();
            } catch (caught) {
              fail(caught);
            } finally {
              setBusy(null);
            }
          }}
        >
          <p class="muted">{t('trust.backup.restoreExplain')}</p>
          <label>
            {t('a11y.backupFile')}
            <input
              type="file"
              accept="application/json,.json"
              data-testid="restore-file"
              onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
            />
          </label>
          <label>
            {t('trust.backup.restorePassphrase')}
            <input
              type="password"
              autocomplete="off"
              required
              maxLength={1024}
              value={restorePassphrase}
              data-testid="restore-passphrase"
              onInput={(e) => setRestorePassphrase(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={busy !== null || !file} data-testid="restore-submit">
            {busy === 'restore' ? t('trust.backup.working') : t('trust.backup.restore')}
          </button>
          {restored && (
            <div role="status" data-testid="restore-done" data-mode={restored.mode}>
              <p class="success">
                {t(restored.mode === 'full' ? 'trust.backup.restoredFull' : 'trust.backup.restoredHistory', {
                  messages: restored.messages,
                  conversations: restored.conversations,
                })}
              </p>
              <button type="button" class="small" onClick={() => location.reload()}>
                {t('trust.backup.reload')}
              </button>
            </div>
          )}
        </form>
      </Section>
    </Screen>
  );
}
