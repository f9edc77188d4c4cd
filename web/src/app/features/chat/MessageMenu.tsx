// A message's actions, opened by a long press, a right click or its "⋯" button: a row of quick
// reactions, then Reply, Copy, Forward, Edit, Recall and Delete for me, each offered only where
// it applies. Also the reactions under a bubble, as chips with counts (a tap on your own removes it).
import { useRef } from 'preact/hooks';
import type { ChatMessage } from './engine/messages';
import { canChange } from './engine/message-changes';
import { useApp } from '../../state';

export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

/** How long a press lasts before it opens the menu (as phones do), in milliseconds. */
const LONG_PRESS_MILLIS = 500;

export interface MessageMenuActions {
  onReply: () => void;
  onReact: (emoji: string) => void;
  onCopy: () => void;
  onForward?: () => void;
  onDelete: () => void;
  onEdit?: () => void;
  onRecall?: () => void;
}

/** What the menu offers for a message (pure, so the rules are tested without a page). */
export function menuItems(message: ChatMessage, accountId: string, now = Date.now()) {
  const content = !message.recalled && (message.kind === 'text' || message.kind === 'file');
  return {
    react: content,
    reply: content,
    copy: content && message.kind === 'text' && Boolean(message.text),
    forward: content,
    edit: message.senderAccountId === accountId && canChange(message, accountId, 'edit', now),
    recall: message.senderAccountId === accountId && canChange(message, accountId, 'recall', now),
    delete: message.kind !== 'system',
  };
}

/** Whether a bubble has a menu at all. */
export function hasMenu(message: ChatMessage): boolean {
  return message.kind !== 'system';
}

/**
 * Pointer handlers that open the menu after a long press; `consumeClick` tells the click that
 * follows a long press to do nothing (it ended the press, it was no tap).
 */
export function useLongPress(open: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const fired = useRef(false);
  const cancel = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };
  return {
    handlers: {
      onPointerDown: (event: PointerEvent) => {
        if (event.button !== 0) return;
        fired.current = false;
        cancel();
        timer.current = setTimeout(() => {
          fired.current = true;
          open();
        }, LONG_PRESS_MILLIS);
      },
      onPointerUp: cancel,
      onPointerLeave: cancel,
      onPointerCancel: cancel,
    },
    consumeClick: (): boolean => {
      const was = fired.current;
      fired.current = false;
      return was;
    },
  };
}

export function MessageMenu({
  message,
  own,
  accountId,
  actions,
}: {
  message: ChatMessage;
  own: boolean;
  accountId: string;
  actions: MessageMenuActions;
}) {
  const { t } = useApp();
  const items = menuItems(message, accountId);
  const mine = message.reactions?.[accountId];
  return (
    <div
      class={own ? 'message-actions own' : 'message-actions'}
      role="toolbar"
      aria-label={t('chat.actions')}
      data-testid="message-menu"
    >
      {items.react && (
        <div class="message-actions-reactions" role="group" aria-label={t('msgActions.react')}>
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              class="small"
              data-testid="react"
              data-emoji={emoji}
              aria-pressed={mine === emoji}
              onClick={() => actions.onReact(emoji)}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      <div class="message-actions-items">
        {items.reply && (
          <button type="button" class="small" data-testid="reply" onClick={actions.onReply}>
            {t('chat.reply')}
          </button>
        )}
        {items.copy && (
          <button type="button" class="small" data-testid="copy" onClick={actions.onCopy}>
            {t('msgActions.copy')}
          </button>
        )}
        {items.forward && actions.onForward && (
          <button type="button" class="small" data-testid="forward" onClick={actions.onForward}>
            {t('msgActions.forward')}
          </button>
        )}
        {items.edit && actions.onEdit && (
          <button type="button" class="small" data-testid="edit" onClick={actions.onEdit}>
            {t('chatFeat.edit')}
          </button>
        )}
        {items.recall && actions.onRecall && (
          <button type="button" class="small danger" data-testid="recall" onClick={actions.onRecall}>
            {t('chatFeat.recall')}
          </button>
        )}
        {items.delete && (
          <button type="button" class="small danger" data-testid="delete-for-me" onClick={actions.onDelete}>
            {t('msgActions.deleteForMe')}
          </button>
        )}
      </div>
    </div>
  );
}

/** Each emoji once with how many chose it, in the order first chosen. */
export function reactionCounts(reactions: Record<string, string>): { emoji: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const emoji of Object.values(reactions)) counts.set(emoji, (counts.get(emoji) ?? 0) + 1);
  return [...counts].map(([emoji, count]) => ({ emoji, count }));
}

/** The reactions under a bubble: your own chip is pressed, and tapping it takes your reaction back. */
export function ReactionChips({
  reactions,
  accountId,
  onReact,
}: {
  reactions: Record<string, string>;
  accountId: string;
  onReact: (emoji: string) => void;
}) {
  const { t } = useApp();
  const mine = reactions[accountId];
  return (
    <span class="reactions" data-testid="reactions">
      {reactionCounts(reactions).map(({ emoji, count }) =>
        emoji === mine ? (
          <button
            key={emoji}
            type="button"
            class="reaction-chip own"
            data-testid="reaction-chip"
            data-emoji={emoji}
            aria-pressed="true"
            title={t('msgActions.removeReaction', { emoji })}
            aria-label={t('msgActions.removeReaction', { emoji })}
            onClick={() => onReact(emoji)}
          >
            {count > 1 ? `${emoji} ${count}` : emoji}
          </button>
        ) : (
          <span key={emoji} class="reaction-chip" data-testid="reaction-chip" data-emoji={emoji}>
            {count > 1 ? `${emoji} ${count}` : emoji}
          </span>
        ),
      )}
    </span>
  );
}
