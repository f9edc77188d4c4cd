// Small pieces of a conversation's bubbles: mention highlighting inside a text, delivery ticks,
// and the system line a group rename leaves.
import type { ChatMessage } from './messages';
import { useApp } from '../state';

export type TickState = 'sent' | 'delivered' | 'read';

/**
 * The tick state of an own message with sequence number `seq`: read once every other member read
 * it (read marks, shared only by those who allow it), delivered once at least one device of each
 * other member acknowledged it, else sent.
 */
export function tickState(seq: number, others: string[], readUpTo: Record<string, number> = {},
  deliveredUpTo: Record<string, number> = {}): TickState {
  if (others.length === 0) return 'sent';
  if (others.every((accountId) => (readUpTo[accountId] ?? 0) >= seq)) return 'read';
  if (others.every((accountId) => Math.max(readUpTo[accountId] ?? 0, deliveredUpTo[accountId] ?? 0) >= seq)) return 'delivered';
  return 'sent';
}

export function Ticks({ state }: { state: TickState }) {
  const { t } = useApp();
  const label = state === 'read' ? t('chatFeat.readAll') : state === 'delivered' ? t('chatFeat.delivered') : t('chatFeat.sent');
  return (
    <span class={`ticks ticks-${state}`} data-testid="ticks" data-state={state} title={label} aria-label={label} role="img">
      {' '}{state === 'sent' ? '✓' : '✓✓'}
    </span>
  );
}

/** A text with each `@Name` of a mentioned account marked. */
export function MentionText({ text, mentions, nameOf }: { text: string; mentions?: string[]; nameOf: (accountId: string) => string }) {
  const tokens = [...new Set((mentions ?? []).map((accountId) => `@${nameOf(accountId)}`))].filter((token) => token.length > 1)
    .sort((a, b) => b.length - a.length);
  if (tokens.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${tokens.map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return <>{text.split(pattern).map((part, index) => (index % 2 === 1 ? <mark key={index} class="mention">{part}</mark> : part))}</>;
}

export function SystemLine({ message, own, nameOf }: { message: ChatMessage; own: boolean; nameOf: (accountId: string) => string }) {
  const { t } = useApp();
  if (message.system?.event === 'history') return <p class="system-line" data-testid="history-notice">{t('chat.historyBefore')}</p>;
  if (message.system?.event !== 'rename') return null;
  const name = own ? t('chatFeat.you') : nameOf(message.senderAccountId);
  return <p class="system-line" data-testid="system-line">{t('chatFeat.renamed', { name, group: message.system.name })}</p>;
}

/** The `@query` being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | undefined {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}
