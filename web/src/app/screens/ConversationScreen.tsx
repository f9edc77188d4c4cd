// One conversation: its messages as bubbles with times and day separators, who is typing, and
// the composer. Messages written while offline show as "sending" and leave on reconnect.
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MessageBubble } from '../chat/MessageBubble';
import { PaymentComposer } from '../chat/payment-composer';
import { ChatNotice, useEngine } from '../chat/chat-context';
import type { LocalConversation } from '../chat/engine';
import type { ChatMessage } from '../chat/messages';
import { displayName, loadConversationRows } from '../chat/names';
import { dayLabel, startOfDay } from '../chat/time';
import { useEscapeToClose } from '../components/escape';
import { AttachIcon } from '../components/icons';
import { ErrorText, Loading, Screen } from '../components/shell';
import { useAction, useLoad } from '../hooks';
import { useApp } from '../state';
import { VerificationLink } from '../trust/SafetyNumberScreen';

export function ConversationScreen({ conversationId }: { conversationId: string }) {
  const { api, t, session, language } = useApp();
  const { engine, version } = useEngine();
  const info = useLoad(async () => {
    const [details, rows] = await Promise.all([api.getConversation(conversationId), loadConversationRows(api, session!.accountId)]);
    return { details, names: rows.names };
  }, [conversationId, engine?.listVersion ?? 0]);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [local, setLocal] = useState<LocalConversation | null>(null);
  const [draft, setDraft] = useState('');
  const [keyWarnings, setKeyWarnings] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [paying, setPaying] = useState<'transfer' | 'red-packet' | null>(null);
  useEscapeToClose(selected !== null, () => setSelected(null));
  useEscapeToClose(paying !== null, () => setPaying(null));
  const send = useAction();
  const endRef = useRef<HTMLDivElement>(null);

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
    Promise.all([engine.messages(conversationId), engine.conversation(conversationId)]).then(([list, conversation]) => {
      if (!live) return;
      setMessages(list);
      setLocal(conversation);
      void engine.keyWarnings(conversationId).then((accounts) => live && setKeyWarnings(accounts));
      if (conversation.unread > 0 && document.visibilityState !== 'hidden') void engine.markRead(conversationId);
    });
    return () => { live = false; };
  }, [engine, version, conversationId]);

  useEffect(() => endRef.current?.scrollIntoView?.({ block: 'end' }), [messages.length]);

  const names = info.data?.names ?? new Map<string, string>();
  const conversation = info.data?.details.conversation;
  const peer = info.data?.details.members.find((member) => member.accountId !== session!.accountId);
  const title = !conversation ? t('chats.untitled')
    : conversation.kind === 'direct' ? displayName(names, peer?.accountId, t('chats.untitled'))
      : conversation.name || t('chats.untitled');
  const nameOf = (accountId: string) => displayName(names, accountId, t('chat.someone'));
  const typing = engine?.typingAccounts(conversationId) ?? [];
  const excerptOf = (message: ChatMessage) => (message.text ?? message.file?.name ?? '').slice(0, 120);
  const react = (message: ChatMessage, emoji: string) => {
    const mine = message.reactions?.[session!.accountId];
    setSelected(null);
    void send.run(() => engine!.react(conversationId, message.key, mine === emoji ? '' : emoji));
  };
  const readCount = (seq: number) => Object.values(local?.readUpTo ?? {}).filter((upTo) => upTo >= seq).length;

  const submit = async (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || !engine) return;
    const reply = replyTo ? { key: replyTo.key, excerpt: excerptOf(replyTo) } : undefined;
    const done = await send.run(async () => { await engine.sendText(conversationId, text, reply); return true; });
    if (done) {
      setDraft('');
      setReplyTo(null);
    }
  };

  return (
    <Screen title={title} back="/chats">
      <ChatNotice />
      {conversation?.kind === 'direct' && peer && <VerificationLink accountId={peer.accountId} conversationId={conversationId} />}
      {conversation?.kind === 'group' && (
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
      {local?.removed && <p class="notice" data-testid="chat-removed">{t('chat.removed')}</p>}
      {local?.joinFailed && <p class="notice" data-testid="chat-join-failed">{t('chat.joinFailed')}</p>}
      {engine && local && !local.state && !local.removed && !local.joinFailed && (
        <p class="muted" data-testid="chat-waiting">{t('chat.waitingForKeys')}</p>
      )}
      <div class="messages" data-testid="messages" aria-live="polite">
        {messages.map((message, index) => {
          const previous = messages[index - 1];
          const newDay = !previous || startOfDay(previous.sentAt) !== startOfDay(message.sentAt);
          const own = message.senderAccountId === session!.accountId;
          return (
            <Fragment key={message.key}>
              {newDay && <p class="day" data-testid="day-separator">{dayLabel(message.sentAt, language)}</p>}
              <MessageBubble message={message} own={own} inGroup={conversation?.kind === 'group'} engine={engine}
                nameOf={nameOf} readCount={readCount} accountId={session!.accountId} selected={selected === message.key}
                onSelect={(on) => setSelected(on ? message.key : null)}
                onReply={() => { setReplyTo(message); setSelected(null); }}
                onReact={(emoji) => react(message, emoji)} />
            </Fragment>
          );
        })}
        <div ref={endRef} />
      </div>
      {typing.length > 0 && (
        <p class="muted typing" data-testid="typing">{t('chat.typing', { name: typing.map(nameOf).join(', ') })}</p>
      )}
      <ErrorText error={send.error} />
      {replyTo && (
        <p class="reply-banner" data-testid="reply-banner">
          <span>{t('chat.replyingTo', { text: excerptOf(replyTo) })}</span>
          <button type="button" class="small" onClick={() => setReplyTo(null)}>{t('common.cancel')}</button>
        </p>
      )}
      {!local?.removed && engine && conversation && (
        paying
          ? <PaymentComposer mode={paying} conversationId={conversationId} engine={engine}
            inGroup={conversation.kind === 'group'}
            memberCount={info.data?.details.members.length ?? 1} onDone={() => setPaying(null)} />
          : (
            <div class="inline payment-buttons">
              {conversation.kind === 'direct' && (
                <button type="button" class="small" data-testid="send-money" onClick={() => setPaying('transfer')}>
                  {t('chatpay.sendMoney')}
                </button>
              )}
              <button type="button" class="small" data-testid="red-packet" onClick={() => setPaying('red-packet')}>
                {t('chatpay.redPacket')}
              </button>
            </div>
          )
      )}
      {!local?.removed && (
        <form class="composer" onSubmit={submit}>
          <label class="attach" title={t('chat.attach')}>
            <AttachIcon />
            <span class="visually-hidden">{t('chat.attach')}</span>
            <input type="file" data-testid="attach-input" disabled={!engine} onChange={async (event) => {
              const input = event.target as HTMLInputElement;
              const chosen = input.files?.[0];
              input.value = '';
              if (!chosen || !engine) return;
              await send.run(async () => engine.sendFile(conversationId,
                { bytes: new Uint8Array(await chosen.arrayBuffer()), name: chosen.name, mime: chosen.type }));
            }} />
          </label>
          <textarea
            rows={1}
            value={draft}
            maxLength={4000}
            aria-label={t('chat.compose')}
            placeholder={t('chat.compose')}
            data-testid="composer"
            onInput={(event) => {
              setDraft((event.target as HTMLTextAreaElement).value);
              engine?.notifyTyping(conversationId);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) void submit(event);
            }}
          />
          <button type="submit" class="primary" disabled={!engine || draft.trim() === ''} data-testid="send">
            {t('chat.send')}
          </button>
        </form>
      )}
    </Screen>
  );
}

