// The sheet that forwards a message: the chats this device can write to, a search by name, a
// checkbox per chat, and "Send to N". Each chosen chat gets a new E2E message marked "Forwarded".
import { useState } from 'preact/hooks';
import { Avatar, ErrorText, Loading } from '../../../components/shell';
import { Sheet } from '../../../components/sheet';
import { useAction, useLoad } from '../../../hooks';
import { useApp } from '../../../state';
import type { ChatEngine } from '../engine/engine';
import type { ChatMessage } from '../engine/messages';
import { displayName, loadConversationRows } from '../names';

export interface ForwardTarget {
  id: string;
  name: string;
}

/** The targets whose name contains the query (any case), in the order given. */
export function matchingTargets(targets: ForwardTarget[], query: string): ForwardTarget[] {
  const wanted = query.trim().toLocaleLowerCase();
  return wanted ? targets.filter((target) => target.name.toLocaleLowerCase().includes(wanted)) : targets;
}

export function ForwardSheet({
  engine,
  message,
  onClose,
  onForwarded,
}: {
  engine: ChatEngine;
  message: ChatMessage;
  onClose: () => void;
  onForwarded: (count: number) => void;
}) {
  const { api, t, session } = useApp();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const send = useAction();
  const targets = useLoad(async () => {
    const { rows, names } = await loadConversationRows(api, session!.accountId);
    const writable = await Promise.all(
      rows.map(
        async (row) =>
          engine.hasGroup(row.conversation.id) && !(await engine.conversation(row.conversation.id)).removed,
      ),
    );
    return rows
      .filter((_, index) => writable[index])
      .map(({ conversation, peerAccountId }): ForwardTarget => ({
        id: conversation.id,
        name:
          conversation.kind === 'direct'
            ? displayName(names, peerAccountId, t('chats.untitled'))
            : conversation.name || t('chats.untitled'),
      }));
  }, [engine]);
  const toggle = (id: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const shown = matchingTargets(targets.data ?? [], query);
  return (
    <Sheet title={t('forward.title')} onClose={onClose} testId="forward-sheet">
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          const ids = [...chosen];
          const done = await send.run(async () => {
            await engine.forward(ids, message);
            return true;
          });
          if (done) onForwarded(ids.length);
        }}
      >
        <input
          type="search"
          value={query}
          placeholder={t('forward.search')}
          aria-label={t('forward.search')}
          data-testid="forward-search"
          onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
        />
        {targets.loading && !targets.data && <Loading />}
        <ErrorText error={targets.error} />
        {targets.data && shown.length === 0 && <p class="empty">{t('forward.none')}</p>}
        <ul class="list forward-list">
          {shown.map((target) => (
            <li key={target.id} class="row">
              <label class="row-check">
                <input
                  type="checkbox"
                  checked={chosen.has(target.id)}
                  data-testid="forward-choice"
                  data-name={target.name}
                  onChange={() => toggle(target.id)}
                />
                <Avatar name={target.name} />
                <span class="row-main">{target.name}</span>
              </label>
            </li>
          ))}
        </ul>
        <ErrorText error={send.error} />
        <button type="submit" class="primary" data-testid="forward-send" disabled={chosen.size === 0 || send.busy}>
          {t('forward.send', { count: chosen.size })}
        </button>
      </form>
    </Sheet>
  );
}
