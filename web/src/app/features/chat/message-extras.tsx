// Small pieces of a conversation's bubbles: mention highlighting inside a text, delivery ticks,
// and the system lines of a group's renames and membership changes.
import type { ChatMessage } from './engine/messages';
import type { Translate } from '../../catalogue';
import { useApp } from '../../state';

export type TickState = 'sent' | 'delivered' | 'read';

/**
 * The tick state of an own message with sequence number `seq`: read once every other member read
 * it (read marks, shared only by those who allow it), delivered once at least one device of each
 * other member acknowledged it, else sent.
 */
export function tickState(
  seq: number,
  others: string[],
  readUpTo: Record<string, number> = {},
  deliveredUpTo: Record<string, number> = {},
): TickState {
  if (others.length === 0) return 'sent';
  if (others.every((accountId) => (readUpTo[accountId] ?? 0) >= seq)) return 'read';
  if (others.every((accountId) => Math.max(readUpTo[accountId] ?? 0, deliveredUpTo[accountId] ?? 0) >= seq))
    return 'delivered';
  return 'sent';
}

export function Ticks({ state }: { state: TickState }) {
  const { t } = useApp();
  const label =
    state === 'read' ? t('chatFeat.readAll') : state === 'delivered' ? t('chatFeat.delivered') : t('chatFeat.sent');
  return (
    <span
      class={`ticks ticks-${state}`}
      data-testid="ticks"
      data-state={state}
      title={label}
      aria-label={label}
      role="img"
    >
      {' '}
      {state === 'sent' ? '✓' : '✓✓'}
    </span>
  );
}

/** A text with each `@Name` of a mentioned account marked. */
export function MentionText({
  text,
  mentions,
  nameOf,
}: {
  text: string;
  mentions?: string[];
  nameOf: (accountId: string) => string;
}) {
  const tokens = [...new Set((mentions ?? []).map((accountId) => `@${nameOf(accountId)}`))]
    .filter((token) => token.length > 1)
    .sort((a, b) => b.length - a.length);
  if (tokens.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${tokens.map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  return (
    <>
      {text.split(pattern).map((part, index) =>
        index % 2 === 1 ? (
          <mark key={index} class="mention">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function SystemLine({
  message,
  own,
  nameOf,
}: {
  message: ChatMessage;
  own: boolean;
  nameOf: (accountId: string) => string;
}) {
  const { t, language, session } = useApp();
  const system = message.system;
  if (system?.event === 'history')
    return (
      <p class="system-line" data-testid="history-notice">
        {t('chat.historyBefore')}
      </p>
    );
  if (system?.event === 'member') {
    return (
      <>
        {memberLines(system, message.senderAccountId, own, session?.accountId ?? '', t, language, nameOf).map(
          (line, index) => (
            <p key={index} class="system-line" data-testid="system-line" data-event={system.change}>
              {line}
            </p>
          ),
        )}
      </>
    );
  }
  if (system?.event !== 'rename') return null;
  const name = own ? t('chatFeat.you') : nameOf(message.senderAccountId);
  return (
    <p class="system-line" data-testid="system-line">
      {t('chatFeat.renamed', { name, group: system.name })}
    </p>
  );
}

type MemberSystem = Extract<NonNullable<ChatMessage['system']>, { event: 'member' }>;

/**
 * The lines a membership change shows: "Ann created the group" (and "Ann added Bob and Cat"
 * for the first members), "Ann added …", "Ann removed …", "Eve left"; the own account is "You"
 * as the one who did it and "you" among those it was done to, and "You were removed by Ann" on
 * the removed member's device. Names are joined as the language joins a list.
 */
export function memberLines(
  system: MemberSystem,
  byAccountId: string,
  own: boolean,
  ownAccountId: string,
  t: Translate,
  language: string,
  nameOf: (accountId: string) => string,
): string[] {
  const name = nameOf(byAccountId);
  const list = (accountIds: string[]) =>
    new Intl.ListFormat(language, { type: 'conjunction' }).format(
      accountIds.map((accountId) => (accountId === ownAccountId ? t('chatEvents.you') : nameOf(accountId))),
    );
  const members = list(system.accountIds);
  const onlyMe = system.accountIds.length === 1 && system.accountIds[0] === ownAccountId;
  // "Ann added you" is its own sentence: some languages put the pronoun elsewhere ("Ann vous a ajouté").
  const addedLine = own
    ? t('chatEvents.addedOwn', { members })
    : onlyMe
      ? t('chatEvents.addedYou', { name })
      : t('chatEvents.added', { name, members });
  switch (system.change) {
    case 'created': {
      const createdLine = own ? t('chatEvents.createdOwn') : t('chatEvents.created', { name });
      return system.accountIds.length === 0 ? [createdLine] : [createdLine, addedLine];
    }
    case 'added':
      return [addedLine];
    case 'removed':
      if (!own && onlyMe) return [t('chatEvents.removedYou', { name })];
      return [own ? t('chatEvents.removedOwn', { members }) : t('chatEvents.removed', { name, members })];
    case 'left':
      return [own ? t('chatEvents.leftOwn') : t('chatEvents.left', { name })];
  }
}

/**
 * How this account came to be out of a group, from the newest membership line about it: it
 * left, or someone removed it (undefined when no line says so).
 */
export function departureOf(
  messages: readonly ChatMessage[],
  ownAccountId: string,
): { left: true } | { left: false; byAccountId: string } | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.system?.event !== 'member') continue;
    if (message.system.change === 'left' && message.senderAccountId === ownAccountId) return { left: true };
    if (message.system.change === 'removed' && message.system.accountIds.includes(ownAccountId)) {
      return { left: false, byAccountId: message.senderAccountId };
    }
  }
  return undefined;
}

/** The `@query` being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | undefined {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}
