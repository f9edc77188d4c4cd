// The user's own account: profile, language, devices, my code, password, export, deletion, log out.
import { useEffect, useState } from 'preact/hooks';
import { Avatar, ErrorText, LinkRow, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { useApi, useApp } from '../../state';
import { ChatApi, deviceHistoryCounts, type HistoryCounts } from '../chat';
import { AccountApi } from './api';
import { AccountSection } from './AccountSheets';
import { LanguagePicker } from './LanguagePicker';

export function MeScreen() {
  const { api, t, profile, session, setProfile, signOut } = useApp();
  const accountApi = useApi(AccountApi);
  const [displayName, setDisplayName] = useState(profile?.displayName ?? '');
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const logout = useAction();
  const [history, setHistory] = useState<HistoryCounts | null>(null);
  useEffect(() => {
    if (!session) return;
    let live = true;
    deviceHistoryCounts(session.deviceId).then(
      (counts) => live && setHistory(counts),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [session?.deviceId]);

  useEffect(() => setDisplayName(profile?.displayName ?? ''), [profile?.displayName]);

  const name = profile?.displayName ?? session?.username ?? '';
  return (
    <Screen title={t('me.title')}>
      <div class="card profile">
        <Avatar name={name} />
        <div>
          <div class="profile-name" data-testid="me-name">
            {name}
          </div>
          <div class="muted">{t('me.username', { username: profile?.username ?? session?.username ?? '' })}</div>
        </div>
      </div>
      <Section>
        <form
          class="form padded"
          onSubmit={async (event) => {
            event.preventDefault();
            setSaved(false);
            const updated = await save.run(() => api.updateProfile({ displayName: displayName.trim() }));
            if (updated) {
              setProfile(updated);
              setSaved(true);
            }
          }}
        >
          <label>
            {t('me.displayName')}
            <span class="inline">
              <input
                name="displayName"
                required
                maxLength={64}
                value={displayName}
                onInput={(e) => setDisplayName(e.currentTarget.value)}
              />
              <button type="submit" class="small primary" disabled={save.busy}>
                {t('common.save')}
              </button>
            </span>
          </label>
          <ErrorText error={save.error} />
          {saved && (
            <p class="success" role="status">
              {t('common.saved')}
            </p>
          )}
          <LanguagePicker />
        </form>
      </Section>
      <ReadReceiptsSetting />
      <Section>
        <LinkRow href="#/me/wallet" label={t('wallet.title')} testId="me-wallet" />
        <LinkRow href="#/me/notifications" label={t('notify.title')} testId="me-notifications" />
        <LinkRow href="#/me/code" label={t('me.myCode')} testId="me-code" />
        <LinkRow href="#/me/devices" label={t('me.devices')} testId="me-devices" />
        <LinkRow href="#/me/backup" label={t('trust.backup.title')} testId="me-backup" />
      </Section>
      <AccountSection />
      {history && history.messages > 0 && (
        <div class="card padded" data-testid="logout-warning">
          <p>{t('me.logoutWarning', { chats: history.chats, messages: history.messages })}</p>
          <a class="button-link" href="#/me/backup" data-testid="logout-backup">
            {t('me.logoutBackup')}
          </a>
        </div>
      )}
      <ErrorText error={logout.error} />
      <button
        type="button"
        class="block danger"
        data-testid="logout"
        disabled={logout.busy}
        onClick={async () => {
          // The history exists only here: logging out deletes it, so ask once more.
          if (history && history.messages > 0 && !confirm(t('me.logoutConfirm', { messages: history.messages })))
            return;
          // Forget the token even if the server cannot be told (offline): the device is then
          // logged out locally, and the token stays revocable from another device.
          await logout.run(() => accountApi.logout()).catch(() => undefined);
          await signOut();
        }}
      >
        {t('me.logout')}
      </button>
    </Screen>
  );
}

/** Privacy: whether this account's read marks are shared with the people it chats with. */
function ReadReceiptsSetting() {
  const { t } = useApp();
  const chatApi = useApi(ChatApi);
  const preferences = useLoad(() => chatApi.getMessagingPreferences());
  const change = useAction();
  return (
    <Section title={t('me.privacy')}>
      <label class="row row-check">
        <span class="row-main">
          {t('me.readReceipts')}
          <small class="muted">{t('me.readReceiptsHint')}</small>
        </span>
        <input
          type="checkbox"
          data-testid="read-receipts"
          disabled={!preferences.data || change.busy}
          checked={preferences.data?.shareReadReceipts ?? false}
          onChange={async (event) => {
            const share = (event.target as HTMLInputElement).checked;
            await change.run(() => chatApi.setMessagingPreferences(share));
            preferences.reload();
          }}
        />
      </label>
      <ErrorText error={change.error ?? preferences.error} />
    </Section>
  );
}
