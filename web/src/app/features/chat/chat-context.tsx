// Makes the chat engine available to the screens: started after sign-in (which also sets up
// the device's MLS identity and key packages), stopped at sign-out. The engine and ts-mls are
// loaded lazily, so the first load stays small. `useEngine` re-renders on every engine change.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../../state';
import type { ChatEngine } from './engine/engine';
import { MutedChats } from './mute/muted-chats';

/** The state while another tab of this browser holds this device's chats. */
class OtherTab extends Error {}

const ChatContext = createContext<{ engine: ChatEngine | null; error: unknown }>({ engine: null, error: null });
const MutedContext = createContext<MutedChats | null>(null);

export function ChatProvider({ children }: { children: ComponentChildren }) {
  const { api, session, signOut } = useApp();
  const [state, setState] = useState<{ engine: ChatEngine | null; error: unknown }>({ engine: null, error: null });
  // One list of muted chats per sign-in; if it cannot be loaded, nothing shows as muted.
  const muted = useMemo(() => new MutedChats(api), [api, session?.deviceId]);
  useEffect(() => {
    if (session) muted.load().catch((error: unknown) => console.warn('muted chats not loaded', String(error)));
  }, [muted]);
  useEffect(() => {
    if (!session) return;
    let engine: ChatEngine | null = null;
    let stop: (() => void) | null = null;
    let live = true;
    const abort = new AbortController();
    const online = () => engine?.reconnectNow();
    import('./engine/start-engine')
      .then(({ startEngine }) =>
        startEngine(
          session,
          api,
          (code) => {
            if (code === 4001) void signOut('auth.loggedOut');
          },
          () => live && setState({ engine: null, error: new OtherTab() }),
          abort.signal,
        ),
      )
      .then(
        (started) => {
          engine = started.engine;
          stop = started.stop;
          if (live) setState({ engine: started.engine, error: null });
          else started.stop();
        },
        (error: unknown) => live && setState({ engine: null, error }),
      );
    addEventListener('online', online);
    return () => {
      live = false;
      abort.abort();
      removeEventListener('online', online);
      stop?.();
      setState({ engine: null, error: null });
    };
  }, [session?.deviceId]);
  return (
    <ChatContext.Provider value={state}>
      <MutedContext.Provider value={muted}>{children}</MutedContext.Provider>
    </ChatContext.Provider>
  );
}

/** A notice when the chats cannot run in this tab (another tab has them, or start failed). */
export function ChatNotice() {
  const { t } = useApp();
  const { error } = useContext(ChatContext);
  if (!error) return null;
  const otherTab = error instanceof OtherTab;
  return (
    <p class="notice" role="alert" data-testid="chat-engine-error">
      {otherTab ? t('chat.otherTab') : t('chat.startFailed')}
    </p>
  );
}

/** The engine (null while it loads), re-rendering the caller whenever the engine changes. */
export function useEngine(): { engine: ChatEngine | null; error: unknown; version: number } {
  const { engine, error } = useContext(ChatContext);
  const [version, setVersion] = useState(0);
  useEffect(() => engine?.subscribe(() => setVersion((value) => value + 1)), [engine]);
  return { engine, error, version };
}

/** The account's muted chats, re-rendering the caller whenever one is muted or unmuted. */
export function useMutedChats(): MutedChats {
  const muted = useContext(MutedContext);
  if (!muted) throw new Error('useMutedChats outside ChatProvider');
  const [, setVersion] = useState(0);
  useEffect(() => muted.subscribe(() => setVersion((value) => value + 1)), [muted]);
  return muted;
}
