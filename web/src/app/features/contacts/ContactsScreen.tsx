// Contacts: the list (avatar, name and username, as in WhatsApp), the ways in — add by username,
// requests, my code — and a contact's own page with what can be done with them: message,
// safety number, remove, block.
import type { Contact } from '../../api/types';
import { Avatar, ErrorText, LinkRow, Loading, Screen, Section } from '../../components/shell';
import { ChevronIcon } from '../../components/icons';
import { useEngine } from '../chat';
import { useAction, useLoad } from '../../hooks';
import { navigate } from '../../router';
import { useApi, useApp } from '../../state';
import { ContactsApi } from './api';

export function ContactsScreen() {
  const { api, t } = useApp();
  const contactsApi = useApi(ContactsApi);
  const contacts = useLoad(() => api.listContacts());
  const incoming = useLoad(() => contactsApi.listContactRequests('incoming'));
  const incomingCount = incoming.data?.length ?? 0;

  return (
    <Screen title={t('contacts.title')}>
      <Section>
        <LinkRow href="#/contacts/add" label={t('contacts.add')} testId="contacts-add" />
        <LinkRow
          href="#/contacts/requests"
          label={t('contacts.requests')}
          testId="contacts-requests"
          detail={incomingCount > 0 ? String(incomingCount) : undefined}
        />
        <LinkRow href="#/contacts/blocked" label={t('contacts.blocked')} testId="contacts-blocked" />
        <LinkRow href="#/me/code" label={t('contacts.myCode')} />
      </Section>
      <ErrorText error={contacts.error} />
      <Section title={t('contacts.list')}>
        {contacts.loading && !contacts.data && <Loading />}
        {contacts.data?.length === 0 && <p class="empty">{t('contacts.empty')}</p>}
        {contacts.data && (
          <ul class="list" data-testid="contacts-list">
            {contacts.data.map((contact: Contact) => (
              <li key={contact.account.id}>
                <a class="row row-link" href={`#/contacts/${contact.account.id}`} data-testid="contact">
                  <Avatar name={contact.account.displayName} />
                  <span class="row-main">
                    <span class="chat-name">{contact.account.displayName}</span>
                    <small class="muted one-line">@{contact.account.username}</small>
                  </span>
                  <ChevronIcon />
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Screen>
  );
}

/** One contact's page: who they are, and the actions the list rows used to carry. */
export function ContactScreen({ accountId }: { accountId: string }) {
  const { api, t } = useApp();
  const contactsApi = useApi(ContactsApi);
  const contacts = useLoad(() => api.listContacts(), [accountId]);
  const action = useAction();
  const { engine } = useEngine();
  const contact = contacts.data?.find((candidate) => candidate.account.id === accountId);
  const name = contact?.account.displayName ?? t('contacts.title');

  const act = async (run: () => Promise<void>, question: string) => {
    if (!confirm(question)) return;
    const done = await action.run(async () => {
      await run();
      return true;
    });
    if (done) navigate('/contacts');
  };

  return (
    <Screen title={name} back="/contacts">
      {contacts.loading && !contacts.data && <Loading />}
      <ErrorText error={action.error ?? contacts.error} />
      {contacts.data && !contact && (
        <p class="empty" data-testid="contact-missing">
          {t('contacts.notFound')}
        </p>
      )}
      {contact && (
        <>
          <div class="card profile" data-testid="contact-profile">
            <Avatar name={contact.account.displayName} />
            <div class="row-main">
              <span class="profile-name">{contact.account.displayName}</span>
              <span class="muted one-line">@{contact.account.username}</span>
            </div>
          </div>
          <button
            type="button"
            class="primary block"
            data-testid="contact-message"
            disabled={action.busy || !engine}
            onClick={async () => {
              const id = await action.run(() => engine!.openDirect(contact.account.id));
              if (id) navigate(`/chat/${id}`);
            }}
          >
            {t('contacts.message')}
          </button>
          <Section>
            <LinkRow
              href={`#/contacts/safety/${contact.account.id}`}
              label={t('trust.safetyNumber.link')}
              testId="contact-safety"
            />
          </Section>
          <Section>
            <button
              type="button"
              class="row row-button"
              data-testid="contact-remove"
              disabled={action.busy}
              onClick={() =>
                act(
                  () => contactsApi.removeContact(contact.account.id),
                  t('contacts.confirmRemove', { name: contact.account.displayName }),
                )
              }
            >
              {t('contacts.remove')}
            </button>
            <button
              type="button"
              class="row row-button danger"
              data-testid="block"
              disabled={action.busy}
              onClick={() =>
                act(
                  () => contactsApi.blockAccount(contact.account.id),
                  t('contacts.confirmBlock', { name: contact.account.displayName }),
                )
              }
            >
              {t('contacts.block')}
            </button>
          </Section>
        </>
      )}
    </Screen>
  );
}
