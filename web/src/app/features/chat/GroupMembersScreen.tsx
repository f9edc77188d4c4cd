// A group's members: admins add contacts and remove members, each change one MLS commit, and
// rename the group (the server keeps the name; an E2E message tells the members at once).
import { useState } from 'preact/hooks';
import { useEngine } from './chat-context';
import { displayName, loadConversationRows, withMemberNames } from './names';
import { Avatar, ErrorText, Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { navigate } from '../../router';
import { useApi, useApp } from '../../state';
import { ChatApi } from './api';

export function GroupMembersScreen({ conversationId }: { conversationId: string }) {
  const { api, t, session } = useApp();
  const chatApi = useApi(ChatApi);
  const { engine } = useEngine();
  const info = useLoad(async () => {
    const [details, rows] = await Promise.all([
      chatApi.getConversation(conversationId),
      loadConversationRows(api, session!.accountId),
    ]);
    return { details, names: withMemberNames(rows.names, details.members), contacts: rows.contacts };
  }, [conversationId]);
  const action = useAction();
  const [name, setName] = useState<string | null>(null);
  const isAdmin = info.data?.details.conversation.role === 'admin';
  const memberIds = new Set(info.data?.details.members.map((member) => member.accountId) ?? []);
  const addable = info.data?.contacts.filter((contact) => !memberIds.has(contact.account.id)) ?? [];

  const change = async (run: () => Promise<void>) => {
    await action.run(run);
    info.reload();
  };

  return (
    <Screen title={t('chat.members')} back={`/chat/${conversationId}`}>
      {info.loading && !info.data && <Loading />}
      <ErrorText error={action.error ?? info.error} />
      {info.data && isAdmin && (
        <form
          class="inline rename-group"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = (name ?? '').trim();
            if (!chosen || !engine) return;
            void change(async () => {
              await engine.renameGroup(conversationId, chosen);
              setName(null);
            });
          }}
        >
          <label>
            <span class="visually-hidden">{t('chatFeat.renameLabel')}</span>
            <input
              value={name ?? info.data.details.conversation.name ?? ''}
              maxLength={256}
              data-testid="group-rename-input"
              aria-label={t('chatFeat.renameLabel')}
              placeholder={t('chatFeat.renameLabel')}
              onInput={(event) => setName((event.target as HTMLInputElement).value)}
            />
          </label>
          <button
            type="submit"
            class="small"
            data-testid="group-rename"
            disabled={action.busy || !engine || !(name ?? '').trim()}
          >
            {t('chatFeat.rename')}
          </button>
        </form>
      )}
      {info.data && (
        <Section title={t('group.members')}>
          <ul class="list" data-testid="member-list">
            {info.data.details.members.map((member) => {
              const own = member.accountId === session!.accountId;
              const name = own ? t('group.you') : displayName(info.data!.names, member.accountId, t('chat.someone'));
              return (
                <li key={member.accountId} class="row" data-testid="member" data-name={name}>
                  <Avatar name={name} />
                  <span class="row-main">
                    {name}
                    <small class="muted">{member.role === 'admin' ? t('group.admin') : ''}</small>
                  </span>
                  {isAdmin && !own && (
                    <button
                      type="button"
                      class="small danger"
                      data-testid="member-remove"
                      disabled={action.busy || !engine}
                      onClick={() =>
                        confirm(t('group.confirmRemove', { name })) &&
                        change(() => engine!.removeMember(conversationId, member.accountId))
                      }
                    >
                      {t('group.remove')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </Section>
      )}
      {info.data && (
        <button
          type="button"
          class="danger"
          data-testid="group-leave"
          disabled={action.busy || !engine}
          onClick={() =>
            confirm(t('group.confirmLeave')) &&
            action.run(async () => {
              await engine!.leave(conversationId);
              navigate('/chats');
            })
          }
        >
          {t('group.leave')}
        </button>
      )}
      {isAdmin && addable.length > 0 && (
        <Section title={t('group.add')}>
          <ul class="list">
            {addable.map((contact) => (
              <li key={contact.account.id} class="row">
                <Avatar name={contact.account.displayName} />
                <span class="row-main">
                  {contact.account.displayName}
                  <small class="muted">@{contact.account.username}</small>
                </span>
                <button
                  type="button"
                  class="small"
                  data-testid="member-add"
                  data-username={contact.account.username}
                  disabled={action.busy || !engine}
                  onClick={() => change(() => engine!.addMembers(conversationId, [contact.account.id]))}
                >
                  {t('group.addButton')}
                </button>
              </li>
            ))}
          </ul>
        </Section>
      )}
    </Screen>
  );
}
