// Notices above a conversation's messages: members whose keys changed (with "accept"), and why
// this device cannot read or write the chat (removed, could not join, lost its place, waiting
// for the keys).
import type { ChatEngine, LocalConversation } from '../engine/engine';
import type { ChatMessage } from '../engine/messages';
import { departureOf } from '../message-extras';
import { useApp } from '../../../state';

export function ConversationNotices({
  engine,
  local,
  keyWarnings,
  messages,
  nameOf,
}: {
  engine: ChatEngine | null;
  local: LocalConversation | null;
  keyWarnings: string[];
  messages: ChatMessage[];
  nameOf: (accountId: string) => string;
}) {
  const { t, session } = useApp();
  const removedNotice = () => {
    const departure = departureOf(messages, session!.accountId);
    if (!departure) return t('chat.removed');
    return departure.left
      ? t('chatEvents.leftOwn')
      : t('chatEvents.removedYou', { name: nameOf(departure.byAccountId) });
  };
  return (
    <>
      {keyWarnings.map((accountId) => (
        <p key={accountId} class="notice" role="alert" data-testid="key-warning">
          {t('chat.keysChanged', { name: nameOf(accountId) })}{' '}
          <button type="button" class="small" onClick={() => engine?.acceptKeys(accountId)}>
            {t('chat.keysAccept')}
          </button>
        </p>
      ))}
      {local?.removed && (
        <p class="notice" data-testid="chat-removed">
          {removedNotice()}
        </p>
      )}
      {local?.joinFailed && (
        <p class="notice" data-testid="chat-join-failed">
          {t('chat.joinFailed')}
        </p>
      )}
      {local?.lost && !local.removed && !local.joinFailed && (
        <p class="notice" data-testid="chat-lost">
          {t('chat.lost')}
        </p>
      )}
      {engine && local && !local.state && !local.removed && !local.joinFailed && (
        <p class="muted" data-testid="chat-waiting">
          {t('chat.waitingForKeys')}
        </p>
      )}
    </>
  );
}
