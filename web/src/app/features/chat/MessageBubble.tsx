// One message as a bubble: sender (in groups), quoted reply, text or attachment, time, sending
// and read state, reactions, and — when selected — the actions (reply, quick reactions).
import type { ChatEngine } from './engine/engine';
import type { ChatMessage } from './engine/messages';
import { timeOfDay } from './time';
import { AttachmentView } from './AttachmentView';
import { canChange, mentionsMe } from './engine/message-changes';
import { MentionText, SystemLine, Ticks, type TickState } from './message-extras';
import { PaymentCard } from '../wallet/chat/payment-cards';
import { VoiceBubble } from './voice/VoiceBubble';
import { useApp } from '../../state';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '🙏'];

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
  onReply: () => void;
  onReact: (emoji: string) => void;
  /** Sent, delivered to every other member, or read by all (own messages the server stored). */
  tick?: TickState;
  onEdit?: () => void;
  onRecall?: () => void;
}

export function MessageBubble({ message, own, inGroup, engine, accountId, selected, nameOf, readCount, onSelect, onReply, onReact,
  tick, onEdit, onRecall }: Props) {
  const { t, language } = useApp();
  if (message.kind === 'system') return <SystemLine message={message} own={own} nameOf={nameOf} />;
  const reads = own && message.seq !== undefined ? readCount(message.seq) : 0;
  const mentioned = mentionsMe(message, accountId);
  const editable = own && canChange(message, accountId, 'edit');
  const recallable = own && canChange(message, accountId, 'recall');
  return (
    <>
      <div class={`bubble${own ? ' own' : ''}${mentioned ? ' mention-me' : ''}`} data-testid="message" data-status={message.status}
        data-mentioned={mentioned ? 'me' : undefined}
        onContextMenu={(event) => {
          if (message.recalled || !(message.kind === 'text' || message.kind === 'file')) return;
          event.preventDefault();
          onSelect(true);
        }}>
        {!own && inGroup && <span class="bubble-sender">{nameOf(message.senderAccountId)}</span>}
        {message.reply && !message.recalled && (
          <span class="bubble-quote" data-testid="reply-quote">{message.reply.excerpt || t('chatFeat.recalled')}</span>
        )}
        {message.recalled
          ? <span class="bubble-text recalled" data-testid="recalled">{t('chatFeat.recalled')}</span>
          : message.kind === 'payment' && message.payment
          ? <PaymentCard payment={message.payment} own={own} accountId={accountId} nameOf={nameOf}
            senderName={nameOf(message.senderAccountId)} inGroup={inGroup} />
          : message.kind === 'voice' && message.file && message.durationMillis
          ? <VoiceBubble engine={engine} file={message.file} durationMillis={message.durationMillis} />
          : message.kind === 'file' && message.file
          ? <AttachmentView engine={engine} file={message.file} thumbnail={message.thumbnail} />
          : (
            <span class="bubble-text">
              {message.kind === 'text' ? <MentionText text={message.text ?? ''} mentions={message.mentions} nameOf={nameOf} />
                : message.kind === 'unsupported' ? t('chat.unsupported')
                : message.resend === 'waiting' ? t('chatResend.waiting')
                : message.resend === 'unavailable' ? t('chatResend.unavailable') : t('chat.undecryptable')}
            </span>
          )}
        <span class="bubble-meta">
          {timeOfDay(message.sentAt, language)}
          {message.edited && !message.recalled && <span data-testid="edited">{' · '}{t('chatFeat.edited')}</span>}
          {own && tick && <Ticks state={tick} />}
          {own && message.status === 'pending' && ` · ${t('chat.sending')}`}
          {own && message.status === 'failed' && ` · ${t('chat.failed')}`}
          {reads > 0 && (
            <span data-testid="read-mark">{' · '}{inGroup ? t('chat.readBy', { count: reads }) : t('chat.read')}</span>
          )}
          {(message.kind === 'text' || message.kind === 'file') && !message.recalled && (
            <button type="button" class="bubble-more" data-testid="message-actions" aria-label={t('chat.actions')}
              aria-expanded={selected} onClick={() => onSelect(!selected)}>⋯</button>
          )}
        </span>
        {Object.keys(message.reactions ?? {}).length > 0 && (
          <span class="reactions" data-testid="reactions">{summarise(message.reactions!)}</span>
        )}
      </div>
      {selected && (
        <div class={own ? 'message-actions own' : 'message-actions'} role="toolbar" aria-label={t('chat.actions')}>
          <button type="button" class="small" data-testid="reply" onClick={onReply}>{t('chat.reply')}</button>
          {editable && onEdit && (
            <button type="button" class="small" data-testid="edit" onClick={onEdit}>{t('chatFeat.edit')}</button>
          )}
          {recallable && onRecall && (
            <button type="button" class="small danger" data-testid="recall" onClick={onRecall}>{t('chatFeat.recall')}</button>
          )}
          {QUICK_REACTIONS.map((emoji) => (
            <button key={emoji} type="button" class="small" data-testid="react" data-emoji={emoji}
              aria-pressed={message.reactions?.[accountId] === emoji} onClick={() => onReact(emoji)}>{emoji}</button>
          ))}
        </div>
      )}
    </>
  );
}

/** "👍 2  ❤️": each emoji once, with how many people chose it when more than one. */
function summarise(reactions: Record<string, string>): string {
  const counts = new Map<string, number>();
  for (const emoji of Object.values(reactions)) counts.set(emoji, (counts.get(emoji) ?? 0) + 1);
  return [...counts].map(([emoji, count]) => (count > 1 ? `${emoji} ${count}` : emoji)).join('  ');
}
