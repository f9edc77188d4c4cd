// The search box on the Chats tab: matching chats, contacts and messages from this device's
// decrypted history. The index is built when the user starts typing and rebuilt when messages
// arrive while a query is shown.
import { useEffect, useState } from 'preact/hooks';
import type { Contact } from '../../../api/types';
import { useEngine } from '../chat-context';
import { displayName, type ConversationRow } from '../names';
import { timeOfDay } from '../time';
import { useApp } from '../../../state';
import { buildSearchIndex, type SearchIndex, type SearchResults } from './search';

export function ChatSearch({
  rows,
  names,
  contacts,
}: {
  rows: ConversationRow[];
  names: Map<string, string>;
  contacts: Contact[];
}) {
  const { t, language } = useApp();
  const { engine, version } = useEngine();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState<SearchIndex | null>(null);
  const active = query.trim().length > 0;

  const chatName = (row: ConversationRow) =>
    row.conversation.kind === 'direct'
      ? displayName(names, row.peerAccountId, t('chats.untitled'))
      : row.conversation.name || t('chats.untitled');

  useEffect(() => {
    if (!active || !engine) return;
    let live = true;
    const chats = rows.map((row) => ({ conversationId: row.conversation.id, name: chatName(row) }));
    const people = contacts.map((contact) => ({
      accountId: contact.account.id,
      displayName: contact.account.displayName,
      username: contact.account.username,
    }));
    void buildSearchIndex(chats, people, (id) => engine.messages(id)).then((built) => live && setIndex(built));
    return () => {
      live = false;
    };
  }, [active, engine, version, rows, contacts]);

  const results: SearchResults | null = active && index ? index.search(query) : null;
  const nameOfChat = new Map(rows.map((row) => [row.conversation.id, chatName(row)]));
  const directChat = new Map(
    rows.filter((row) => row.peerAccountId).map((row) => [row.peerAccountId!, row.conversation.id]),
  );
  const empty = results && results.chats.length + results.contacts.length + results.messages.length === 0;

  return (
    <div class="search">
      <input
        type="search"
        value={query}
        placeholder={t('trust.search.placeholder')}
        aria-label={t('trust.search.placeholder')}
        data-testid="chat-search"
        maxLength={200}
        onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
      />
      {empty && (
        <p class="empty" data-testid="search-empty">
          {t('trust.search.none')}
        </p>
      )}
      {results && !empty && (
        <ul class="card list search-results" data-testid="search-results">
          {results.chats.map((chat) => (
            <li key={`c${chat.conversationId}`}>
              <a class="row row-link" href={`#/chat/${chat.conversationId}`} data-testid="search-chat">
                <span class="row-main">
                  {chat.name}
                  <small class="muted">{t('trust.search.chat')}</small>
                </span>
              </a>
            </li>
          ))}
          {results.contacts.map((contact) => (
            <li key={`p${contact.accountId}`}>
              <a
                class="row row-link"
                href={directChat.has(contact.accountId) ? `#/chat/${directChat.get(contact.accountId)}` : '#/contacts'}
                data-testid="search-contact"
              >
                <span class="row-main">
                  {contact.displayName}
                  <small class="muted">@{contact.username}</small>
                </span>
              </a>
            </li>
          ))}
          {results.messages.map((message) => (
            <li key={`m${message.key}`}>
              <a class="row row-link" href={`#/chat/${message.conversationId}`} data-testid="search-message">
                <span class="row-main">
                  <span class="chat-row-top">
                    <span class="chat-name">{nameOfChat.get(message.conversationId) ?? t('chats.untitled')}</span>
                    <small class="muted">{timeOfDay(message.sentAt, language)}</small>
                  </span>
                  <small class="muted chat-preview">{message.text ?? message.file?.name}</small>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
