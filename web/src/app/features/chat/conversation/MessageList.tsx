// The conversation's messages as bubbles, with day separators, the "new messages" marker, and a
// "↓ N new" button when others wrote below the visible part. A long-pressed or right-clicked
// bubble (or its "⋯" button) is selected and shows its menu (react, reply, copy, forward, edit,
// recall, delete for me); Escape closes it.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useEscapeToClose } from '../../../components/escape';
import { useApp } from '../../../state';
import type { ChatEngine, LocalConversation } from '../engine/engine';
import type { ChatMessage } from '../engine/messages';
import { MessageBubble } from '../MessageBubble';
import { ForwardSheet } from './ForwardSheet';
import { ImageViewer, viewableImages } from './ImageViewer';
import { tickState } from '../message-extras';
import { dayLabel, startOfDay } from '../time';
import type { ComposerState, SendAction } from './Composer';
import { useChatScroll } from './use-chat-scroll';

export function MessageList({
  conversationId,
  engine,
  messages,
  local,
  firstUnreadKey,
  inGroup,
  otherMembers,
  nameOf,
  composer,
  send,
}: {
  conversationId: string;
  engine: ChatEngine | null;
  messages: ChatMessage[];
  local: LocalConversation | null;
  firstUnreadKey: string | null;
  inGroup: boolean;
  otherMembers: string[];
  nameOf: (accountId: string) => string;
  composer: ComposerState;
  send: SendAction;
}) {
  const { t, session, language } = useApp();
  const accountId = session!.accountId;
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [forwarding, setForwarding] = useState<ChatMessage | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const images = viewableImages(messages);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), 2000);
    return () => clearTimeout(timer);
  }, [notice]);
  useEscapeToClose(selected !== null, () => setSelected(null));
  const scroller = useChatScroll(messages, accountId);
  const react = (message: ChatMessage, emoji: string) => {
    const mine = message.reactions?.[accountId];
    setSelected(null);
    void send.run(() => engine!.react(conversationId, message.key, mine === emoji ? '' : emoji));
  };
  const recall = (message: ChatMessage) => {
    setSelected(null);
    if (!confirm(t('chatFeat.confirmRecall'))) return;
    void send.run(() => engine!.recallMessage(conversationId, message.key));
  };
  const copy = async (message: ChatMessage) => {
    setSelected(null);
    await navigator.clipboard.writeText(message.text ?? '');
    setNotice(t('msgActions.copied'));
  };
  const deleteForMe = (message: ChatMessage) => {
    setSelected(null);
    if (!confirm(t('msgActions.confirmDelete'))) return;
    void send.run(() => engine!.deleteForMe(conversationId, message.key));
  };
  const showQuoted = (key: string) => {
    const bubble = [...document.querySelectorAll<HTMLElement>('[data-testid="message"]')].find(
      (element) => element.dataset.key === key,
    );
    if (!bubble) return;
    bubble.scrollIntoView({ block: 'center', behavior: 'smooth' });
    // A short highlight says which bubble the quote meant; it fades by CSS.
    bubble.classList.remove('flash');
    void bubble.offsetWidth;
    bubble.classList.add('flash');
  };
  const readCount = (seq: number) => Object.values(local?.readUpTo ?? {}).filter((upTo) => upTo >= seq).length;
  return (
    <div class="messages-pane">
      <div class="messages-scroll" ref={scroller.scrollRef} onScroll={scroller.onScroll}>
        <div class="messages" data-testid="messages" aria-live="polite">
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            const newDay = !previous || startOfDay(previous.sentAt) !== startOfDay(message.sentAt);
            const own = message.senderAccountId === accountId;
            return (
              <Fragment key={message.key}>
                {message.key === firstUnreadKey && index > 0 && (
                  <p class="unread-marker" data-unread-marker data-testid="unread-marker">
                    {t('chat.unreadMarker')}
                  </p>
                )}
                {newDay && (
                  <p class="day" data-testid="day-separator">
                    {dayLabel(message.sentAt, language)}
                  </p>
                )}
                <MessageBubble
                  message={message}
                  own={own}
                  inGroup={inGroup}
                  engine={engine}
                  nameOf={nameOf}
                  readCount={readCount}
                  accountId={accountId}
                  selected={selected === message.key}
                  onSelect={(on) => setSelected(on ? message.key : null)}
                  onShowQuoted={showQuoted}
                  onOpenImage={
                    images.some((image) => image.key === message.key) ? () => setViewing(message.key) : undefined
                  }
                  actions={{
                    onReply: () => {
                      composer.startReply(message);
                      setSelected(null);
                    },
                    onReact: (emoji) => react(message, emoji),
                    onCopy: () => void copy(message),
                    onDelete: () => deleteForMe(message),
                    onForward: () => {
                      setSelected(null);
                      setForwarding(message);
                    },
                    onEdit: () => {
                      composer.startEdit(message);
                      setSelected(null);
                    },
                    onRecall: () => recall(message),
                  }}
                  tick={
                    own && message.status === 'sent' && message.seq !== undefined
                      ? tickState(message.seq, otherMembers, local?.readUpTo, local?.deliveredUpTo)
                      : undefined
                  }
                />
              </Fragment>
            );
          })}
        </div>
      </div>
      {viewing && engine && (
        <ImageViewer engine={engine} images={images} startKey={viewing} onClose={() => setViewing(null)} />
      )}
      {forwarding && engine && (
        <ForwardSheet
          engine={engine}
          message={forwarding}
          onClose={() => setForwarding(null)}
          onForwarded={(count) => {
            setForwarding(null);
            setNotice(t('forward.done', { count }));
          }}
        />
      )}
      {notice && (
        <p class="toast" role="status" data-testid="message-notice">
          {notice}
        </p>
      )}
      {scroller.newBelow > 0 && (
        <button type="button" class="jump-newest" data-testid="jump-newest" onClick={scroller.scrollToNewest}>
          {t('chat.newBelow', { count: scroller.newBelow })}
        </button>
      )}
    </div>
  );
}
