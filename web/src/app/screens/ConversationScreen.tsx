// One conversation: its messages as bubbles with times and day separators, who is typing, and
// the composer. Messages written while offline show as "sending" and leave on reconnect.
// Scrolling works like a phone messenger's: the chat opens at the newest message (or at the first
// unread one, under a "new messages" marker), follows new messages while the view is at the
// bottom, and otherwise counts them on a "↓ N new" button; sending always shows one's own message.
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MessageBubble } from '../chat/MessageBubble';
import { departureOf, mentionQuery, tickState } from '../chat/message-extras';
import { ApiError } from '../api/client';
import type { ConversationDetails } from '../api/types';
import { makeThumbnail } from '../chat/thumbnail';
import { PaymentSheet, type PaymentMode } from '../chat/payment-composer';
import { ChatNotice, useEngine } from '../chat/chat-context';
import type { LocalConversation } from '../chat/engine';
import type { ChatMessage } from '../chat/messages';
import { displayName, loadConversationRows, withMemberNames } from '../chat/names';
import { dayLabel, startOfDay } from '../chat/time';
import { typingText } from '../chat/typing';
import { useEscapeToClose } from '../components/escape';
import { AttachIcon } from '../components/icons';
import { ErrorText, Loading, Screen } from '../components/shell';
import { useAction, useLoad } from '../hooks';
import { useApp } from '../state';
import { VerificationLink } from '../trust/SafetyNumberScreen';

export function ConversationScreen({ conversationId }: { conversationId: string }) {
  const { api, t, session, language, profile } = useApp();
  const { engine, version } = useEngine();
  const info = useLoad(async () => {
    const [details, rows] = await Promise.all([detailsOrKept(), loadConversationRows(api, session!.accountId)]);
    const names = withMemberNames(rows.names, details.members);
    // Former members are no longer in the details; their names stay for the lines about them.
    const kept = engine ? (await engine.conversation(conversationId)).names ?? {} : {};
    for (const [accountId, name] of Object.entries(kept)) if (!names.has(accountId)) names.set(accountId, name);
    return { details, names };
  }, [conversationId, engine, engine?.listVersion ?? 0]);
  /**
   * The server's details while a member; afterwards (it answers 404) those this device kept, so a
   * removed member still sees the group's name and who said what.
   */
  async function detailsOrKept(): Promise<ConversationDetails> {
    try {
      const details = await api.getConversation(conversationId);
      engine?.rememberDetails(conversationId, details).catch((error: unknown) => console.warn('details not kept', error));
      return details;
    } catch (error) {
      const kept = error instanceof ApiError && error.status === 404 && engine
        ? (await engine.conversation(conversationId)).about : undefined;
      if (!kept) throw error;
      return kept;
    }
  }
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [local, setLocal] = useState<LocalConversation | null>(null);
  const [draft, setDraft] = useState('');
  const [keyWarnings, setKeyWarnings] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [mentionPicks, setMentionPicks] = useState<{ accountId: string; name: string }[]>([]);
  const [mentioning, setMentioning] = useState<{ start: number; query: string } | null>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const [paying, setPaying] = useState<PaymentMode | null>(null);
  useEscapeToClose(selected !== null, () => setSelected(null));
  const send = useAction();
  const scroller = useChatScroll(messages, session!.accountId);
  /** The first message that was unread when the chat opened; the marker stays above it. */
  const [firstUnreadKey, setFirstUnreadKey] = useState<string | null>(null);
  const unreadTaken = useRef(false);

  useEffect(() => {
    if (!engine) return;
    void engine.setOpenConversation(conversationId);
    engine.addMissingDevices(conversationId).catch((error: unknown) => console.warn('devices not added', error));
    const hidden = () => { if (document.visibilityState === 'visible') void engine.markRead(conversationId); };
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      void engine.setOpenConversation(undefined);
    };
  }, [engine, conversationId]);

  useEffect(() => {
    if (!engine) return;
    let live = true;
    void Promise.all([engine.messages(conversationId), engine.conversation(conversationId)]).then(([list, conversation]) => {
      if (!live) return;
      if (!unreadTaken.current) {
        unreadTaken.current = true;
        setFirstUnreadKey(firstUnread(list, conversation.unread, session!.accountId));
      }
      setMessages(list);
      setLocal(conversation);
      void engine.keyWarnings(conversationId).then((accounts) => live && setKeyWarnings(accounts));
      if (conversation.unread > 0 && document.visibilityState !== 'hidden') void engine.markRead(conversationId);
    });
    return () => { live = false; };
  }, [engine, version, conversationId]);

  const names = info.data?.names ?? new Map<string, string>();
  const conversation = info.data?.details.conversation;
  const peer = info.data?.details.members.find((member) => member.accountId !== session!.accountId);
  const title = !conversation ? t('chats.untitled')
    : conversation.kind === 'direct' ? displayName(names, peer?.accountId, t('chats.untitled'))
      : conversation.name || t('chats.untitled');
  const nameOf = (accountId: string) => (accountId === session!.accountId && profile?.displayName
    ? profile.displayName : displayName(names, accountId, t('chat.someone')));
  const removedNotice = () => {
    const departure = departureOf(messages, session!.accountId);
    if (!departure) return t('chat.removed');
    return departure.left ? t('chatEvents.leftOwn') : t('chatEvents.removedYou', { name: nameOf(departure.byAccountId) });
  };
  const typing = engine?.typingAccounts(conversationId) ?? [];
  const excerptOf = (message: ChatMessage) => (message.text ?? message.file?.name ?? '').slice(0, 120);
  const react = (message: ChatMessage, emoji: string) => {
    const mine = message.reactions?.[session!.accountId];
    setSelected(null);
    void send.run(() => engine!.react(conversationId, message.key, mine === emoji ? '' : emoji));
  };
  const readCount = (seq: number) => Object.values(local?.readUpTo ?? {}).filter((upTo) => upTo >= seq).length;
  const otherMembers = (info.data?.details.members ?? []).map((member) => member.accountId)
    .filter((accountId) => accountId !== session!.accountId);
  const inGroup = conversation?.kind === 'group';
  const mentionable = inGroup && mentioning
    ? otherMembers.map((accountId) => ({ accountId, name: nameOf(accountId) }))
      .filter((member) => member.name.toLowerCase().includes(mentioning.query.toLowerCase())).slice(0, 8)
    : [];
  const pickMention = (member: { accountId: string; name: string }) => {
    if (!mentioning) return;
    const caret = mentioning.start + 1 + mentioning.query.length;
    const next = `${draft.slice(0, mentioning.start)}@${member.name} ${draft.slice(caret)}`;
    setDraft(next);
    setMentionPicks((picks) => [...picks.filter((pick) => pick.accountId !== member.accountId), member]);
    setMentioning(null);
    composerRef.current?.focus();
  };
  const recall = (message: ChatMessage) => {
    setSelected(null);
    if (!confirm(t('chatFeat.confirmRecall'))) return;
    void send.run(() => engine!.recallMessage(conversationId, message.key));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || !engine) return;
    if (editing) {
      const target = editing;
      const saved = await send.run(async () => { await engine.editMessage(conversationId, target.key, text); return true; });
      if (saved) {
        setDraft('');
        setEditing(null);
      }
      return;
    }
    const reply = replyTo ? { key: replyTo.key, excerpt: excerptOf(replyTo) } : undefined;
    const mentions = mentionPicks.filter((pick) => text.includes(`@${pick.name}`)).map((pick) => pick.accountId);
    const done = await send.run(async () => { await engine.sendText(conversationId, text, reply, mentions); return true; });
    if (done) {
      setDraft('');
      setReplyTo(null);
      setMentionPicks([]);
      setMentioning(null);
    }
  };

  return (
    <Screen title={title} back="/chats" fill>
      <ChatNotice />
      {conversation?.kind === 'direct' && peer && <VerificationLink accountId={peer.accountId} conversationId={conversationId} />}
      {conversation?.kind === 'group' && !local?.removed && (
        <a class="button-link" href={`#/chat/${conversationId}/members`} data-testid="group-members">{t('chat.members')}</a>
      )}
      {(!engine || (info.loading && !info.data)) && <Loading />}
      <ErrorText error={info.error} />
      {keyWarnings.map((accountId) => (
        <p key={accountId} class="notice" role="alert" data-testid="key-warning">
          {t('chat.keysChanged', { name: nameOf(accountId) })}{' '}
          <button type="button" class="small" onClick={() => engine?.acceptKeys(accountId)}>{t('chat.keysAccept')}</button>
        </p>
      ))}
      {local?.removed && <p class="notice" data-testid="chat-removed">{removedNotice()}</p>}
      {local?.joinFailed && <p class="notice" data-testid="chat-join-failed">{t('chat.joinFailed')}</p>}
      {local?.lost && !local.removed && !local.joinFailed && <p class="notice" data-testid="chat-lost">{t('chat.lost')}</p>}
      {engine && local && !local.state && !local.removed && !local.joinFailed && (
        <p class="muted" data-testid="chat-waiting">{t('chat.waitingForKeys')}</p>
      )}
      <div class="messages-pane">
        <div class="messages-scroll" ref={scroller.scrollRef} onScroll={scroller.onScroll}>
          <div class="messages" data-testid="messages" aria-live="polite">
            {messages.map((message, index) => {
              const previous = messages[index - 1];
              const newDay = !previous || startOfDay(previous.sentAt) !== startOfDay(message.sentAt);
              const own = message.senderAccountId === session!.accountId;
              return (
                <Fragment key={message.key}>
                  {message.key === firstUnreadKey && index > 0 && (
                    <p class="unread-marker" data-unread-marker data-testid="unread-marker">{t('chat.unreadMarker')}</p>
                  )}
                  {newDay && <p class="day" data-testid="day-separator">{dayLabel(message.sentAt, language)}</p>}
                  <MessageBubble message={message} own={own} inGroup={conversation?.kind === 'group'} engine={engine}
                    nameOf={nameOf} readCount={readCount} accountId={session!.accountId} selected={selected === message.key}
                    onSelect={(on) => setSelected(on ? message.key : null)}
                    onReply={() => { setReplyTo(message); setSelected(null); }}
                    onReact={(emoji) => react(message, emoji)}
                    tick={own && message.status === 'sent' && message.seq !== undefined
                      ? tickState(message.seq, otherMembers, local?.readUpTo, local?.deliveredUpTo) : undefined}
                    onEdit={() => { setEditing(message); setReplyTo(null); setDraft(message.text ?? ''); setSelected(null); }}
                    onRecall={() => recall(message)} />
                </Fragment>
              );
            })}
          </div>
        </div>
        {scroller.newBelow > 0 && (
          <button type="button" class="jump-newest" data-testid="jump-newest" onClick={scroller.scrollToNewest}>
            {t('chat.newBelow', { count: scroller.newBelow })}
          </button>
        )}
      </div>
      {typing.length > 0 && (
        <p class="muted typing" data-testid="typing">{typingText(typing.map(nameOf), language, t)}</p>
      )}
      <ErrorText error={send.error} />
      {editing && (
        <p class="reply-banner" data-testid="edit-banner">
          <span>{t('chatFeat.editing', { text: excerptOf(editing) })}</span>
          <button type="button" class="small" onClick={() => { setEditing(null); setDraft(''); }}>{t('common.cancel')}</button>
        </p>
      )}
      {mentionable.length > 0 && (
        <ul class="mention-list" role="listbox" aria-label={t('chatFeat.mentionList')} data-testid="mention-list">
          {mentionable.map((member) => (
            <li key={member.accountId} role="option" aria-selected={false}>
              <button type="button" class="small" data-testid="mention-option" data-name={member.name}
                onMouseDown={(event) => event.preventDefault()} onClick={() => pickMention(member)}>@{member.name}</button>
            </li>
          ))}
        </ul>
      )}
      {replyTo && (
        <p class="reply-banner" data-testid="reply-banner">
          <span>{t('chat.replyingTo', { text: excerptOf(replyTo) })}</span>
          <button type="button" class="small" onClick={() => setReplyTo(null)}>{t('common.cancel')}</button>
        </p>
      )}
      {!local?.removed && engine && conversation && (
        <div class="inline payment-buttons">
          {conversation.kind === 'direct' && (
            <button type="button" class="small" aria-haspopup="dialog" data-testid="send-money"
              onClick={() => setPaying('transfer')}>
              {t('chatpay.sendMoney')}
            </button>
          )}
          <button type="button" class="small" aria-haspopup="dialog" data-testid="red-packet"
            onClick={() => setPaying('red-packet')}>
            {t('chatpay.redPacket')}
          </button>
        </div>
      )}
      {paying && !local?.removed && engine && conversation && (
        <PaymentSheet mode={paying} conversationId={conversationId} engine={engine} inGroup={conversation.kind === 'group'}
          memberCount={info.data?.details.members.length ?? 1} onClose={() => setPaying(null)} />
      )}
      {!local?.removed && (
        // Under an open payment sheet the composer is hidden: the sheet's button is the only Send.
        <form class={paying ? 'composer under-sheet' : 'composer'} onSubmit={submit}>
          <label class="attach" title={t('chat.attach')}>
            <AttachIcon />
            <span class="visually-hidden">{t('chat.attach')}</span>
            <input type="file" data-testid="attach-input" disabled={!engine} onChange={async (event) => {
              const input = event.target as HTMLInputElement;
              const chosen = input.files?.[0];
              input.value = '';
              if (!chosen || !engine) return;
              await send.run(async () => engine.sendFile(conversationId,
                { bytes: new Uint8Array(await chosen.arrayBuffer()), name: chosen.name, mime: chosen.type,
                  thumbnail: await makeThumbnail(chosen) }));
            }} />
          </label>
          <textarea
            ref={composerRef}
            rows={1}
            value={draft}
            maxLength={4000}
            aria-label={t('chat.compose')}
            placeholder={t('chat.compose')}
            data-testid="composer"
            onInput={(event) => {
              const area = event.target as HTMLTextAreaElement;
              setDraft(area.value);
              setMentioning(inGroup && !editing ? mentionQuery(area.value, area.selectionStart ?? area.value.length) ?? null : null);
              engine?.notifyTyping(conversationId);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && mentioning) {
                setMentioning(null);
                return;
              }
              if (event.key === 'Enter' && !event.shiftKey && mentionable.length > 0) {
                event.preventDefault();
                pickMention(mentionable[0]!);
                return;
              }
              if (event.key === 'Enter' && !event.shiftKey) void submit(event);
            }}
          />
          <button type="submit" class="primary" disabled={!engine || draft.trim() === ''} data-testid="send">
            {editing ? t('chatFeat.save') : t('chat.send')}
          </button>
        </form>
      )}
    </Screen>
  );
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

/** How close to the end (in CSS pixels) still counts as "at the newest message". */
const AT_BOTTOM_SLACK_PIXELS = 48;

/**
 * The message list's scrolling: opens at the newest message or, when that would hide the first
 * unread one, at the unread marker; follows new messages (and growing images) while at the
 * bottom; otherwise counts others' new messages; one's own new message always scrolls into view.
 */
function useChatScroll(messages: readonly ChatMessage[], accountId: string) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | null>(null);
  const [newBelow, setNewBelow] = useState(0);

  const scrollToNewest = () => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setNewBelow(0);
  };
  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight <= AT_BOTTOM_SLACK_PIXELS;
    if (atBottom.current) setNewBelow(0);
  };

  useLayoutEffect(() => {
    const element = scrollRef.current;
    const newest = messages[messages.length - 1];
    if (!element || !newest) return;
    if (lastKey.current === null) {
      element.scrollTop = element.scrollHeight;
      const marker = element.querySelector<HTMLElement>('[data-unread-marker]');
      const markerTop = marker ? marker.getBoundingClientRect().top - element.getBoundingClientRect().top + element.scrollTop : 0;
      if (marker && markerTop < element.scrollTop) element.scrollTop = markerTop;
      onScroll();
    } else if (newest.key !== lastKey.current) {
      const seenIndex = messages.findIndex((message) => message.key === lastKey.current);
      const added = messages.slice(seenIndex + 1);
      if (atBottom.current || added.some((message) => message.senderAccountId === accountId)) scrollToNewest();
      else setNewBelow((count) => count + added.filter((message) => message.senderAccountId !== accountId).length);
    }
    lastKey.current = newest.key;
  }, [messages]);

  // Images that load, a composer that grows or a keyboard that opens change the sizes: stay at
  // the newest message if that is where the view was.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const follow = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    follow.observe(element);
    if (element.firstElementChild) follow.observe(element.firstElementChild);
    return () => follow.disconnect();
  }, []);

  return { scrollRef, onScroll, newBelow, scrollToNewest };
}
