// The app-wide state: language, session, profile, and the API bound to the session. One
// provider at the root; screens read it with useApp().
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AtriumApi } from './api/atrium';
import { ApiClient } from './api/client';
import type { Language, Profile, SessionResponse } from './api/types';
import { translator, type MessageKey, type Translate } from './catalogue';
import { isLanguage, languageFromBrowser } from './i18n/i18n';
import { forgetDeviceChats } from './store/local-db';
import { SessionStore, type StoredSession } from './store/session-store';

export interface AppContextValue {
  api: AtriumApi;
  t: Translate;
  language: Language;
  session: StoredSession | null;
  profile: Profile | null;
  /** A message for the login screen, e.g. after the server logged this device out. */
  notice: MessageKey | null;
  setLanguage(language: Language): Promise<void>;
  signedIn(response: SessionResponse): Promise<void>;
  signOut(notice?: MessageKey): Promise<void>;
  setProfile(profile: Profile): void;
}

const AppContext = createContext<AppContextValue | null>(null);

/** A feature's API calls (features/<name>/api.ts) bound to this session's HTTP client. */
export function useApi<T>(Api: new (client: ApiClient) => T): T {
  const { api } = useApp();
  return useMemo(() => new Api(api.client), [api, Api]);
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppProvider>');
  return value;
}

interface ProviderProps {
  store: SessionStore;
  initialSession: StoredSession | null;
  initialLanguage: Language;
  children: ComponentChildren;
}

export function AppProvider({ store, initialSession, initialLanguage, children }: ProviderProps) {
  const [session, setSession] = useState(initialSession);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [language, setLanguageState] = useState(initialLanguage);
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const tokenRef = useRef(initialSession?.token ?? null);

  const signOut = useCallback(
    async (reason?: MessageKey) => {
      tokenRef.current = null;
      const ended = await store.load().catch(() => null);
      await store.clear();
      // The device's MLS keys and chat history leave this browser with its session. The chat
      // database closes its connection when asked to, so the open tab does not block this.
      if (ended) void forgetDeviceChats(ended.deviceId);
      setSession(null);
      setProfile(null);
      setNotice(reason ?? null);
      location.hash = '#/chats';
    },
    [store],
  );

  const api = useMemo(
    () =>
      new AtriumApi(
        new ApiClient({
          token: () => tokenRef.current,
          // The server refused this device's token: it was revoked (or the account disabled).
          onUnauthenticated: () => void signOut('auth.loggedOut'),
        }),
      ),
    [signOut],
  );

  const adoptProfile = useCallback((next: Profile) => {
    setProfile(next);
    if (isLanguage(next.language)) setLanguageState(next.language);
  }, []);

  useEffect(() => {
    if (!session) return;
    api.getProfile().then(adoptProfile, () => undefined);
  }, [api, session, adoptProfile]);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-Hans' : language;
  }, [language]);

  const value = useMemo<AppContextValue>(
    () => ({
      api,
      t: translator(language),
      language,
      session,
      profile,
      notice,
      setProfile: adoptProfile,
      signOut,
      async setLanguage(next) {
        setLanguageState(next);
        await store.saveLanguage(next);
        if (tokenRef.current) adoptProfile(await api.updateProfile({ language: next }));
      },
      async signedIn(response) {
        const stored: StoredSession = {
          token: response.token,
          accountId: response.account.id,
          deviceId: response.device.id,
          username: response.account.username,
        };
        await store.save(stored);
        tokenRef.current = stored.token;
        setNotice(null);
        setSession(stored);
        adoptProfile(response.account);
      },
    }),
    [api, language, session, profile, notice, store, signOut, adoptProfile],
  );

  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export async function initialState(store: SessionStore, browserLanguages: readonly string[]) {
  const [session, savedLanguage] = await Promise.all([
    store.load().catch(() => null),
    store.loadLanguage().catch(() => null),
  ]);
  return { session, language: savedLanguage ?? languageFromBrowser(browserLanguages) };
}
