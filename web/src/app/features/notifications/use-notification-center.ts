// What the signed-in app knows about what waits for the user: unread messages of chats that are
// not muted, and pending contact requests. It feeds the tab badges and the page title, and while
// the app is in the background it shows a system notification for each new message of a chat
// that is not muted, each new contact request, and each payment card.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ContactRequest } from '../../api/types';
import { CONTACT_REQUESTS_CHANGED } from '../../app-events';
import type { Translate } from '../../catalogue';
import { useApi, useApp } from '../../state';
import { ChatApi, useEngine, useMutedChats } from '../chat';
import type { ChatEngine, ChatMessage, MutedChats } from '../chat';
import { ContactsApi } from '../contacts';
import { titleWithCount, unreadTotal, type UnreadEntry, type UnreadTotal } from './counts';
import { notificationBody, withSender } from './preview';
import { storeWakeLines, unsubscribePush } from './push';
import { mayNotify, notificationsEnabled, setNotificationsEnabled } from './settings';
import { listenForOpenRequests, showNotification } from './show';

/** Incoming contact requests are checked this often (the server pushes no event for them to open tabs). */
const REQUESTS_POLL_MILLIS = 60_000;

export interface Waiting {
  chats: UnreadTotal;
  /** Incoming contact requests not yet answered. */
  requests: number;
}

/** The app is in the background: its tab hidden, or its window without focus. */
export function inBackground(): boolean {
  return document.visibilityState === 'hidden' || !document.hasFocus();
}

export function useNotificationCenter(): Waiting {
  const { t, session } = useApp();
  const chatApi = useApi(ChatApi);
  const contactsApi = useApi(ContactsApi);
  const { engine, version } = useEngine();
  const muted = useMutedChats();
  const [chats, setChats] = useState<UnreadTotal>({ count: 0, mutedUnread: false });
  const conversationIds = useConversationIds(chatApi, engine);
  const requests = useIncomingRequests(contactsApi, t, session?.deviceId ?? '');
  const deviceId = session?.deviceId ?? '';

  useEffect(() => {
    if (!engine) return;
    let live = true;
    Promise.all(
      conversationIds.map(async (conversationId): Promise<UnreadEntry> => ({
        conversationId,
        unread: (await engine.conversation(conversationId)).unread,
      })),
    ).then(
      (entries) => live && setChats(unreadTotal(entries, (id) => muted.isMuted(id))),
      (error: unknown) => console.warn('unread counts not read', String(error)),
    );
    return () => {
      live = false;
    };
  }, [engine, version, conversationIds, muted, muted.version]);

  useEffect(() => {
    document.title = titleWithCount(chats.count + requests, t('app.name'));
  }, [chats.count, requests, t]);

  useEffect(
    () =>
      engine?.subscribeIncoming((message) => {
        void notifyMessage(chatApi, t, engine, muted, deviceId, message).catch((error: unknown) =>
          console.warn('notification not shown', String(error)),
        );
      }),
    [engine, muted, t, deviceId],
  );

  useEffect(() => listenForOpenRequests(), []);

  // The worker's lines for wake-ups follow the language.
  useEffect(() => {
    if (notificationsEnabled(deviceId)) storeWakeLines(t).catch(() => undefined);
  }, [t, deviceId]);

  // Signing out ends this device's notifications: the setting, and the browser's push subscription
  // (the server dropped its copy with the device).
  useEffect(
    () => () => {
      if (!notificationsEnabled(deviceId)) return;
      setNotificationsEnabled(deviceId, false);
      void unsubscribePush(undefined);
    },
    [deviceId],
  );

  return { chats, requests };
}

/** The ids of this account's conversations, reloaded when it joins or leaves one. */
function useConversationIds(api: ChatApi, engine: ChatEngine | null): string[] {
  const [ids, setIds] = useState<string[]>([]);
  const listVersion = engine?.listVersion ?? 0;
  useEffect(() => {
    if (!engine) return;
    let live = true;
    api.listConversations().then(
      (conversations) => live && setIds(conversations.map((conversation) => conversation.id)),
      (error: unknown) => console.warn('conversations not listed', String(error)),
    );
    return () => {
      live = false;
    };
  }, [api, engine, listVersion]);
  return ids;
}

/**
 * Pending incoming contact requests, checked at start, every minute, on every route change, when
 * the app comes back, and when this device answered one.
 */
function useIncomingRequests(api: ContactsApi, t: Translate, deviceId: string): number {
  const [count, setCount] = useState(0);
  const seen = useRef<Set<string> | null>(null);
  const translate = useRef(t);
  translate.current = t;
  useEffect(() => {
    let live = true;
    const check = () => {
      api.listContactRequests('incoming').then(
        (requests) => {
          if (!live) return;
          setCount(requests.length);
          const before = seen.current;
          seen.current = new Set(requests.map((request) => request.id));
          // The first look only learns what is there; later ones notify what is new.
          if (before)
            for (const request of requests.filter((each) => !before.has(each.id)))
              notifyRequest(translate.current, deviceId, request);
        },
        () => undefined,
      );
    };
    check();
    const timer = setInterval(check, REQUESTS_POLL_MILLIS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    document.addEventListener('visibilitychange', onVisible);
    addEventListener('hashchange', check);
    addEventListener(CONTACT_REQUESTS_CHANGED, check);
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      removeEventListener('hashchange', check);
      removeEventListener(CONTACT_REQUESTS_CHANGED, check);
    };
  }, [api, deviceId]);
  return count;
}

function notifyRequest(t: Translate, deviceId: string, request: ContactRequest): void {
  if (!mayNotify(deviceId) || !inBackground()) return;
  void showNotification({
    title: request.account.displayName || t('chat.someone'),
    body: t('notify.contactRequest'),
    tag: `request:${request.id}`,
    route: '/contacts/requests',
  }).catch(() => undefined);
}

async function notifyMessage(
  api: ChatApi,
  t: Translate,
  engine: ChatEngine,
  muted: MutedChats,
  deviceId: string,
  message: ChatMessage,
): Promise<void> {
  const conversationId = message.conversationId;
  if (!mayNotify(deviceId) || !inBackground() || muted.isMuted(conversationId)) return;
  const local = await engine.conversation(conversationId);
  const details = local.about ?? (await api.getConversation(conversationId).catch(() => undefined));
  const senderName =
    details?.members.find((member) => member.accountId === message.senderAccountId)?.displayName ??
    local.names?.[message.senderAccountId] ??
    t('chat.someone');
  const body = notificationBody(message, t);
  const group = details?.conversation.kind === 'group';
  await showNotification({
    title: group ? details!.conversation.name || t('chats.untitled') : senderName,
    body: group ? withSender(body, senderName) : body,
    tag: conversationId,
    route: `/chat/${conversationId}`,
  });
}
