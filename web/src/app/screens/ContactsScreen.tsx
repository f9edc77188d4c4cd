// Contacts: the list (remove, block), and the ways in — add by username, requests, my code.
import type { Contact } from '../api/types';
import { Avatar, ErrorText, LinkRow, Loading, Screen, Section } from '../components/shell';
import { useEngine } from '../chat/chat-context';
import { useAction, useLoad } from '../hooks';
import { navigate } from '../router';
import { useApp } from '../state';

export function ContactsScreen() {
  const { api, t } = useApp();
  const contacts = useLoad(() => api.listContacts());
  const incoming = useLoad(() => api.listContactRequests('incoming'));
  const action = useAction();
  const { engine } = useEngine();
  const incomingCount = incoming.data?.length ?? 0;

  const act = async (run: () => Promise<void>, question: string) => {
    if (!confirm(question)) return;
    await action.run(run);
    contacts.reload();
  };

  return (
    <Screen title={t('contacts.title')}>
      <Section>
        <LinkRow href="#/contacts/add" label={t('contacts.add')} testId="contacts-add" />
        <LinkRow href="#/contacts/requests" label={t('contacts.requests')} testId="contacts-requests"
          detail={incomingCount > 0 ? String(incomingCount) : undefined} />
        <LinkRow href="#/contacts/blocked" label={t('contacts.blocked')} testId="contacts-blocked" />
        <LinkRow href="#/me/code" label={t('contacts.myCode')} />
      </Section>
      <ErrorText error={action.error ?? contacts.error} />
      <Section title={t('contacts.list')}>
        {contacts.loading && !contacts.data && <Loading />}
        {contacts.data?.length === 0 && <p class="empty">{t('contacts.empty')}</p>}
        {contacts.data && (
          <ul class="list" data-testid="contacts-list">
            {contacts.data.map((contact: Contact) => (
              <li key={contact.account.id} class="row" data-testid="contact">
                <Avatar name={contact.account.displayName} />
                <span class="row-main">
                  {contact.account.displayName}
                  <small class="muted">@{contact.account.username}</small>
                  <a class="small-link" href={`#/contacts/safety/${contact.account.id}`} data-testid="contact-safety">{t('trust.safetyNumber.link')}</a>
                </span>
                <span class="row-actions">
                  <button type="button" class="small primary" data-testid="contact-message" disabled={action.busy || !engine}
                    onClick={async () => {
                      const id = await action.run(() => engine!.openDirect(contact.account.id));
                      if (id) navigate(`/chat/${id}`);
                    }}>{t('contacts.message')}</button>
                  <button type="button" class="small" disabled={action.busy} onClick={() => act(
                    () => api.removeContact(contact.account.id),
                    t('contacts.confirmRemove', { name: contact.account.displayName }),
                  )}>{t('contacts.remove')}</button>
                  <button type="button" class="small danger" data-testid="block" disabled={action.busy} onClick={() => act(
                    () => api.blockAccount(contact.account.id),
                    t('contacts.confirmBlock', { name: contact.account.displayName }),
                  )}>{t('contacts.block')}</button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Screen>
  );
}
