// What a conversation screen shows, loaded and kept current: the server's details (or the ones
// this device kept, once it is no longer a member), members' names, the messages, the local
// record, whose keys changed, and where the unread messages began when the chat opened.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../api/client';
import type { ConversationDetails } from '../../../api/types';
import { useLoad } from '../../../hooks';
import { useApi, useApp } from '../../../state';
import { ChatApi } from '../api';
import type { ChatEngine, LocalConversation } from '../engine/engine';
import type { ChatMessage } from '../engine/messages';
import { loadConversationRows, withMemberNames } from '../names';

export function useConversation(conversationId: string, engine: ChatEngine | null, version: number) {
  const { api, session } = useApp();
  const chatApi = useApi(ChatApi);
  const accountId = session!.accountId;
  const info = useLoad(async () => {
    const [details, rows] = await Promise.all([detailsOrKept(), loadConversationRows(api, accountId)]);
    const names = withMemberNames(rows.names, details.members);
    // Former members are no longer in the details; their names stay for the lines about them.
    const kept = engine ? ((await engine.conversation(conversationId)).names ?? {}) : {};
    for (const [id, name] of Object.entries(kept)) if (!names.has(id)) names.set(id, name);
    return { details, names };
  }, [conversationId, engine, engine?.listVersion ?? 0]);
  /**
   * The server's details while a member; afterwards (it answers 404) those this device kept, so a
   * removed member still sees the group's name and who said what.
   */
  async function detailsOrKept(): Promise<ConversationDetails> {
    try {
      const details = await chatApi.getConversation(conversationId);
      engine
        ?.rememberDetails(conversationId, details)
        .catch((error: unknown) => console.warn('details not kept', error));
      return details;
    } catch (error) {
      const kept =
        error instanceof ApiError && error.status === 404 && engine
          ? (await engine.conversation(conversationId)).about
          : undefined;
      if (!kept) throw error;
      return kept;
    }
  }
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [local, setLocal] = useState<LocalConversation | null>(null);
  const [keyWarnings, setKeyWarnings] = useState<string[]>([]);
  /** The first message that was unread when the chat opened; the marker stays above it. */
  const [firstUnreadKey, setFirstUnreadKey] = useState<string | null>(null);
  const unreadTaken = useRef(false);

  useEffect(() => {
    if (!engine) return;
    void engine.setOpenConversation(conversationId);
    engine.addMissingDevices(conversationId).catch((error: unknown) => console.warn('devices not added', error));
    const hidden = () => {
      if (document.visibilityState === 'visible') void engine.markRead(conversationId);
    };
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      void engine.setOpenConversation(undefined);
    };
  }, [engine, conversationId]);

  useEffect(() => {
    if (!engine) return;
    let live = true;
    void Promise.all([engine.messages(conversationId), engine.conversation(conversationId)]).then(
      ([list, conversation]) => {
        if (!live) return;
        if (!unreadTaken.current) {
          unreadTaken.current = true;
          setFirstUnreadKey(firstUnread(list, conversation.unread, accountId));
        }
        setMessages(list);
        setLocal(conversation);
        void engine.keyWarnings(conversationId).then((accounts) => live && setKeyWarnings(accounts));
        if (conversation.unread > 0 && document.visibilityState !== 'hidden') void engine.markRead(conversationId);
      },
    );
    return () => {
      live = false;
    };
  }, [engine, version, conversationId]);

  return { info, messages, local, keyWarnings, firstUnreadKey };
}

/**
 * The first of the `unread` newest messages others wrote, or null when nothing is unread (the
 * engine counts only others' messages as unread).
 */
function firstUnread(list: readonly ChatMessage[], unread: number, accountId: string): string | null {
  let remaining = unread;
  for (let index = list.length - 1; index >= 0 && remaining > 0; index--) {
    const message = list[index]!;
    if (message.senderAccountId === accountId) continue;
    remaining -= 1;
    if (remaining === 0) return message.key;
  }
  return null;
}
