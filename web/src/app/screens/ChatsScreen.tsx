// The conversation list. Messages themselves (MLS) come with the next step.
import { Avatar, ErrorText, Loading, Screen } from '../components/shell';
import { useLoad } from '../hooks';
import { useApp } from '../state';

export function ChatsScreen() {
  const { api, t } = useApp();
  const conversations = useLoad(() => api.listConversations());
  return (
    <Screen title={t('chats.title')}>
      {conversations.loading && !conversations.data && <Loading />}
      <ErrorText error={conversations.error} />
      {conversations.data?.length === 0 && <p class="empty" data-testid="chats-empty">{t('chats.empty')}</p>}
      {conversations.data && conversations.data.length > 0 && (
        <ul class="card list" data-testid="chats-list">
          {conversations.data.map((conversation) => {
            const name = conversation.name || t('chats.untitled');
            return (
              <li key={conversation.id} class="row">
                <Avatar name={name} />
                <span class="row-main">
                  {name}
                  <small class="muted">
                    {conversation.kind === 'group' ? t('chats.group') : t('chats.direct')}
                    {' · '}
                    {t('chats.messages', { count: conversation.lastSeq })}
                  </small>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Screen>
  );
}
