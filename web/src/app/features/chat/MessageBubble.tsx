// One message as a bubble: sender (in groups), "Forwarded", quoted reply (a tap scrolls to the
// original), text or attachment, time, sending and read state, reactions, and — when selected by
// a long press, a right click or its "⋯" button — its menu (MessageMenu.tsx).
import type { ChatEngine } from './engine/engine';
import type { ChatMessage } from './engine/messages';
import { timeOfDay } from './time';
import { AttachmentView } from './AttachmentView';
import { mentionsMe } from './engine/message-changes';
import { hasMenu, MessageMenu, ReactionChips, useLongPress, type MessageMenuActions } from './MessageMenu';
import { MentionText, SystemLine, Ticks, type TickState } from './message-extras';
import { PaymentCard } from '../wallet';
import { VoiceBubble } from './voice/VoiceBubble';
import { useApp } from '../../state';

interface Props {
  message: ChatMessage;
  own: boolean;
  inGroup: boolean;
  engine: ChatEngine | null;
  accountId: string;
  selected: boolean;
  nameOf: (accountId: string) => string;
  /** How many others have read up to this sequence number. */
  readCount: (seq: number) => number;
  onSelect: (selected: boolean) => void;
  actions: MessageMenuActions;
  /** Opens an image message in the full-screen viewer. */
  onOpenImage?: () => void;
  /** Scrolls to the message a reply quotes. */
  onShowQuoted: (key: string) => void;
  /** Sent, delivered to every other member, or read by all (own messages the server stored). */
  tick?: TickState;
}

export function MessageBubble({
  message,
  own,
  inGroup,
  engine,
  accountId,
  selected,
  nameOf,
  readCount,
  onSelect,
  actions,
  onShowQuoted,
  onOpenImage,
  tick,
}: Props) {
  const { t, language } = useApp();
  const longPress = useLongPress(() => onSelect(true));
  if (message.kind === 'system') return <SystemLine message={message} own={own} nameOf={nameOf} />;
  const reads = own && message.seq !== undefined ? readCount(message.seq) : 0;
  const mentioned = mentionsMe(message, accountId);
  return (
    <>
      <div
        class={`bubble${own ? ' own' : ''}${mentioned ? ' mention-me' : ''}`}
        data-testid="message"
        data-status={message.status}
        data-mentioned={mentioned ? 'me' : undefined}
        data-key={message.key}
        {...longPress.handlers}
        onClickCapture={(event) => {
          if (longPress.consumeClick()) {
            event.preventDefault();
            event.stopPropagation();
          }
        }}
        onContextMenu={(event) => {
          if (!hasMenu(message)) return;
          event.preventDefault();
          onSelect(true);
        }}
      >
        {!own && inGroup && <span class="bubble-sender">{nameOf(message.senderAccountId)}</span>}
        {message.forwarded && !message.recalled && (
          <span class="bubble-forwarded" data-testid="forwarded">
            {t('msgActions.forwarded')}
          </span>
        )}
        {message.reply && !message.recalled && (
          <button
            type="button"
            class="bubble-quote"
            data-testid="reply-quote"
            title={t('msgActions.goToQuoted')}
            onClick={() => onShowQuoted(message.reply!.key)}
          >
            {message.reply.excerpt || t('chatFeat.recalled')}
          </button>
        )}
        {message.recalled ? (
          <span class="bubble-text recalled" data-testid="recalled">
            {t('chatFeat.recalled')}
          </span>
        ) : message.kind === 'payment' && message.payment ? (
          <PaymentCard
            payment={message.payment}
            own={own}
            accountId={accountId}
            nameOf={nameOf}
            senderName={nameOf(message.senderAccountId)}
            inGroup={inGroup}
          />
        ) : message.kind === 'voice' && message.file && message.durationMillis ? (
          <VoiceBubble engine={engine} file={message.file} durationMillis={message.durationMillis} />
        ) : message.kind === 'file' && message.file ? (
          <AttachmentView engine={engine} file={message.file} thumbnail={message.thumbnail} onOpen={onOpenImage} />
        ) : (
          <span class="bubble-text">
            {message.kind === 'text' ? (
              <MentionText text={message.text ?? ''} mentions={message.mentions} nameOf={nameOf} />
            ) : message.kind === 'unsupported' ? (
              t('chat.unsupported')
            ) : message.resend === 'waiting' ? (
              t('chatResend.waiting')
            ) : message.resend === 'unavailable' ? (
              t('chatResend.unavailable')
            ) : (
              t('chat.undecryptable')
            )}
          </span>
        )}
        <span class="bubble-meta">
          {timeOfDay(message.sentAt, language)}
          {message.edited && !message.recalled && (
            <span data-testid="edited">
              {' · '}
              {t('chatFeat.edited')}
            </span>
          )}
          {own && tick && <Ticks state={tick} />}
          {own && message.status === 'pending' && ` · ${t('chat.sending')}`}
          {own && message.status === 'failed' && ` · ${t('chat.failed')}`}
          {reads > 0 && (
            <span data-testid="read-mark">
              {' · '}
              {inGroup ? t('chat.readBy', { count: reads }) : t('chat.read')}
            </span>
          )}
          {hasMenu(message) && (
            <button
              type="button"
              class="bubble-more"
              data-testid="message-actions"
              aria-label={t('chat.actions')}
              aria-expanded={selected}
              onClick={() => onSelect(!selected)}
            >
              ⋯
            </button>
          )}
        </span>
        {Object.keys(message.reactions ?? {}).length > 0 && (
          <ReactionChips reactions={message.reactions!} accountId={accountId} onReact={actions.onReact} />
        )}
      </div>
      {selected && <MessageMenu message={message} own={own} accountId={accountId} actions={actions} />}
    </>
  );
}
