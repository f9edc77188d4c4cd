// Log in or create an account. The new device gets a name in the current language.
import { useState } from 'preact/hooks';
import { deviceNameFor, LinkLoginPanel } from '../devices';
import { ErrorText } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { LanguagePicker } from './LanguagePicker';
import { useApi, useApp } from '../../state';
import { AccountApi } from './api';

export function AuthScreen() {
  const { t, language, notice, signedIn } = useApp();
  const accountApi = useApi(AccountApi);
  const [mode, setMode] = useState<'login' | 'register'>('register');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [inviteCode, setInviteCode] = useState('');
  const [byQrCode, setByQrCode] = useState(false);
  const action = useAction();
  const registering = mode === 'register';
  const registration = useLoad(() => accountApi.getRegistration(), []);
  // Only an invite-only server needs the code; if the mode cannot be read, the field shows, since
  // hiding it there would make registering impossible.
  const askInviteCode = registration.data ? registration.data.mode === 'invite-only' : !registration.loading;

  const submit = async (event: Event) => {
    event.preventDefault();
    const deviceName = deviceNameFor(navigator.userAgent, t);
    const response = await action.run(() =>
      registering
        ? accountApi.registerAccount({
            username,
            password,
            displayName,
            language,
            inviteCode: inviteCode.trim(),
            deviceName,
          })
        : accountApi.login({ username, password, deviceName }),
    );
    if (response) await signedIn(response);
  };

  return (
    <main class="auth">
      <div class="auth-card">
        <img class="auth-logo" src="/icons/icon.svg" alt="" width={64} height={64} />
        <h1>{t('app.name')}</h1>
        <p class="muted">{t('app.tagline')}</p>
        {notice && (
          <p class="notice" role="status" data-testid="notice">
            {t(notice)}
          </p>
        )}
        {byQrCode ? (
          <LinkLoginPanel onCancel={() => setByQrCode(false)} />
        ) : (
          <>
            <h2>{registering ? t('auth.registerTitle') : t('auth.loginTitle')}</h2>
            {registering && registration.data?.mode === 'closed' && (
              <p class="notice" role="status" data-testid="registration-closed">
                {t('error.registration_closed')}
              </p>
            )}
            <form onSubmit={submit} class="form" data-testid={registering ? 'register-form' : 'login-form'}>
              <label>
                {t('auth.username')}
                <input
                  name="username"
                  autocomplete="username"
                  autocapitalize="none"
                  spellcheck={false}
                  required
                  value={username}
                  onInput={(e) => setUsername(e.currentTarget.value)}
                />
                {registering && <small>{t('auth.usernameHint')}</small>}
              </label>
              <label>
                {t('auth.password')}
                <input
                  name="password"
                  type="password"
                  required
                  autocomplete={registering ? 'new-password' : 'current-password'}
                  value={password}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
                {registering && <small>{t('auth.passwordHint')}</small>}
              </label>
              {registering && (
                <>
                  <label>
                    {t('auth.displayName')}
                    <input
                      name="displayName"
                      required
                      autocomplete="nickname"
                      data-testid="register-display-name"
                      value={displayName}
                      onInput={(e) => setDisplayName(e.currentTarget.value)}
                    />
                  </label>
                  {askInviteCode && (
                    <label>
                      {t('auth.inviteCode')}
                      <input
                        name="inviteCode"
                        autocomplete="off"
                        value={inviteCode}
                        required
                        onInput={(e) => setInviteCode(e.currentTarget.value)}
                      />
                      <small>{t('auth.inviteCodeHint')}</small>
                    </label>
                  )}
                </>
              )}
              <ErrorText error={action.error} />
              <button type="submit" class="primary" disabled={action.busy} data-testid="auth-submit">
                {registering ? t('auth.submitRegister') : t('auth.submitLogin')}
              </button>
            </form>
            <button
              type="button"
              class="link"
              data-testid="auth-switch"
              onClick={() => {
                action.clearError();
                setMode(registering ? 'login' : 'register');
              }}
            >
              {registering ? t('auth.toLogin') : t('auth.toRegister')}
            </button>
            <button type="button" class="link" data-testid="auth-by-qr" onClick={() => setByQrCode(true)}>
              {t('link.loginWithDevice')}
            </button>
          </>
        )}
        <LanguagePicker />
      </div>
    </main>
  );
}
