// The conversation list: name, the newest message, its time and the unread count, all from
// this device's decrypted history (the server only knows that envelopes exist). Pinned chats
// come first; a right click, a long press or a row's "⋯" button offers Pin / Unpin.
import { useEffect, useState } from 'preact/hooks';
import { ChatNotice, useEngine, useMutedChats } from './chat-context';
import type { LocalConversation } from './engine/engine';
import { displayName, loadConversationRows } from './names';
import { localisedPreview } from '../wallet';
import { timeOfDay } from './time';
import { Avatar, ErrorText, Loading, Screen } from '../../components/shell';
import { BellOffIcon, PinIcon } from '../../components/icons';
import { useLoad } from '../../hooks';
import { ChatSearch } from './search/ChatSearch';
import { useApp } from '../../state';
import type { ComponentChildren } from 'preact';
import { orderChats } from './chat-order';
import { useLongPress } from './MessageMenu';
import { useEscapeToClose } from '../../components/escape';

/** A chat's row: a link that opens the chat, and whose right click or long press opens its menu. */
function ChatRowLink({
  href,
  name,
  onMenu,
  children,
}: {
  href: string;
  name: string;
  onMenu: () => void;
  children: ComponentChildren;
}) {
  const longPress = useLongPress(onMenu);
  return (
    <a
      class="row row-link"
      href={href}
      data-testid="chat-row"
      data-name={name}
      {...longPress.handlers}
      onClick={(event) => {
        if (longPress.consumeClick()) event.preventDefault();
      }}
      onContextMenu={(event) => {
        event.preventDefault();
        onMenu();
      }}
    >
      {children}
    </a>
  );
}

export function ChatsScreen() {
  const { api, t, session, language } = useApp();
  const { engine, version } = useEngine();
  const muted = useMutedChats();
  const listVersion = engine?.listVersion ?? 0;
  const loaded = useLoad(async () => {
    const [loadedRows, former] = await Promise.all([
      loadConversationRows(api, session!.accountId),
      engine ? engine.formerConversations() : [],
    ]);
    // Groups this account was removed from or left stay readable here (the server lists them no more).
    const listed = new Set(loadedRows.rows.map((row) => row.conversation.id));
    const formerRows = former
      .filter((details) => !listed.has(details.conversation.id))
      .map((details) => ({
        conversation: details.conversation,
        peerAccountId: details.members.find((member) => member.accountId !== session!.accountId)?.accountId,
      }));
    return { ...loadedRows, rows: [...loadedRows.rows, ...formerRows] };
  }, [engine, listVersion]);
  const [locals, setLocals] = useState(new Map<string, LocalConversation>());

  useEffect(() => {
    if (!engine || !loaded.data) return;
    let live = true;
    void Promise.all(
      loaded.data.rows.map(
        async (row) => [row.conversation.id, await engine.conversation(row.conversation.id)] as const,
      ),
    ).then((entries) => live && setLocals(new Map(entries)));
    return () => {
      live = false;
    };
  }, [engine, version, loaded.data]);

  const [pinned, setPinned] = useState<string[]>([]);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  useEscapeToClose(menuFor !== null, () => setMenuFor(null));
  useEffect(() => {
    let live = true;
    void engine?.pinnedConversations().then((ids) => live && setPinned(ids));
    return () => {
      live = false;
    };
  }, [engine, version]);
  const rows = orderChats(
    loaded.data?.rows ?? [],
    (row) => row.conversation.id,
    (row) => locals.get(row.conversation.id)?.lastMessage?.sentAt ?? Date.parse(row.conversation.createdAt),
    pinned,
  );
  const togglePin = async (conversationId: string) => {
    setMenuFor(null);
    await engine?.setPinned(conversationId, !pinned.includes(conversationId));
  };

  return (
    <Screen title={t('chats.title')}>
      <ChatNotice />
      <div class="inline">
        <a class="button-link" href="#/chats/new-group" data-testid="new-group">
          {t('chats.newGroup')}
        </a>
      </div>
      {loaded.data && <ChatSearch rows={loaded.data.rows} names={loaded.data.names} contacts={loaded.data.contacts} />}
      {loaded.loading && !loaded.data && <Loading />}
      <ErrorText error={loaded.error} />
      {loaded.data?.rows.length === 0 && (
        <p class="empty" data-testid="chats-empty">
          {t('chats.empty')}
        </p>
      )}
      {rows.length > 0 && (
        <ul class="card list" data-testid="chats-list">
          {rows.map(({ conversation, peerAccountId }) => {
            const local = locals.get(conversation.id);
            const name =
              conversation.kind === 'direct'
                ? displayName(loaded.data!.names, peerAccountId, t('chats.untitled'))
                : conversation.name || t('chats.untitled');
            const last = local?.lastMessage;
            const isPinned = pinned.includes(conversation.id);
            const isMuted = muted.isMuted(conversation.id);
            const unread = local?.unread ?? 0;
            return (
              <li key={conversation.id} class="chat-item">
                <ChatRowLink href={`#/chat/${conversation.id}`} name={name} onMenu={() => setMenuFor(conversation.id)}>
                  <Avatar name={name} />
                  <span class="row-main">
                    <span class="chat-row-top">
                      <span class="chat-name-line">
                        <span class="chat-name">
                          {isPinned && (
                            <span class="chat-pin" data-testid="pinned" title={t('chats.pinned')}>
                              <PinIcon />
                            </span>
                          )}
                          {name}
                        </span>
                        {isMuted && (
                          <span
                            class="muted-icon"
                            role="img"
                            aria-label={t('notify.muted')}
                            title={t('notify.muted')}
                            data-testid="muted-icon"
                          >
                            <BellOffIcon />
                          </span>
                        )}
                      </span>
                      {last && <small class="muted">{timeOfDay(last.sentAt, language)}</small>}
                    </span>
                    <small class="muted chat-preview">
                      {last
                        ? last.recalled
                          ? t('chatFeat.recalled')
                          : localisedPreview(last.text, language)
                        : conversation.kind === 'group'
                          ? t('chats.group')
                          : t('chats.direct')}
                    </small>
                  </span>
                  {local?.mentioned && (
                    <span class="mention-badge" data-testid="mentioned">
                      {t('chatFeat.mentioned')}
                    </span>
                  )}
                  {unread > 0 && !isMuted && (
                    <span class="badge" data-testid="unread" aria-label={t('chats.unread', { count: unread })}>
                      {unread}
                    </span>
                  )}
                  {unread > 0 && isMuted && (
                    <span
                      class="badge-dot"
                      data-testid="unread-dot"
                      role="img"
                      aria-label={t('chats.unread', { count: unread })}
                    />
                  )}
                </ChatRowLink>
                <button
                  type="button"
                  class="chat-row-more"
                  data-testid="chat-row-actions"
                  aria-label={t('chats.rowActions')}
                  aria-expanded={menuFor === conversation.id}
                  onClick={() => setMenuFor(menuFor === conversation.id ? null : conversation.id)}
                >
                  ⋯
                </button>
                {menuFor === conversation.id && (
                  <div class="chat-row-menu" role="toolbar" aria-label={t('chats.rowActions')}>
                    <button
                      type="button"
                      class="small"
                      data-testid={isPinned ? 'unpin-chat' : 'pin-chat'}
                      onClick={() => void togglePin(conversation.id)}
                    >
                      {isPinned ? t('chats.unpin') : t('chats.pin')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Screen>
  );
}
