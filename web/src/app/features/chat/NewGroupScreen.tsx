// Make a group: a name and the contacts to add. The group is an MLS group this device creates;
// the contacts' devices join by the Welcome of one commit.
import { useState } from 'preact/hooks';
import { useEngine } from './chat-context';
import { Avatar, ErrorText, Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { navigate } from '../../router';
import { useApp } from '../../state';

export function NewGroupScreen() {
  const { api, t } = useApp();
  const { engine } = useEngine();
  const contacts = useLoad(() => api.listContacts());
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState(new Set<string>());
  const action = useAction();

  const toggle = (accountId: string) => {
    const next = new Set(chosen);
    if (next.has(accountId)) next.delete(accountId);
    else next.add(accountId);
    setChosen(next);
  };

  const create = async (event: Event) => {
    event.preventDefault();
    if (!engine) return;
    const id = await action.run(() => engine.createGroup(name.trim(), [...chosen]));
    if (id) navigate(`/chat/${id}`);
  };

  return (
    <Screen title={t('group.new')} back="/chats">
      <form class="form" onSubmit={create}>
        <label>
          {t('group.name')}
          <input
            value={name}
            required
            maxLength={100}
            data-testid="group-name"
            onInput={(event) => setName((event.target as HTMLInputElement).value)}
          />
        </label>
        <Section title={t('group.chooseMembers')}>
          {contacts.loading && !contacts.data && <Loading />}
          {contacts.data?.length === 0 && <p class="empty">{t('contacts.empty')}</p>}
          <ul class="list">
            {contacts.data?.map((contact) => (
              <li key={contact.account.id} class="row">
                <label class="row-check">
                  <input
                    type="checkbox"
                    checked={chosen.has(contact.account.id)}
                    data-testid="group-member-choice"
                    data-username={contact.account.username}
                    onChange={() => toggle(contact.account.id)}
                  />
                  <Avatar name={contact.account.displayName} />
                  <span class="row-main">
                    {contact.account.displayName}
                    <small class="muted">@{contact.account.username}</small>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </Section>
        <ErrorText error={action.error ?? contacts.error} />
        <button
          type="submit"
          class="primary"
          disabled={!engine || action.busy || name.trim() === ''}
          data-testid="group-create"
        >
          {t('group.create')}
        </button>
      </form>
    </Screen>
  );
}
