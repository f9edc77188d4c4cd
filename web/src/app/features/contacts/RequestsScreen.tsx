// Pending contact requests: accept or decline those received, withdraw those sent.
import type { ComponentChildren } from 'preact';
import type { ContactRequest } from '../../api/types';
import { announce, CONTACT_REQUESTS_CHANGED } from '../../app-events';
import { Avatar, ErrorText, Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { useApi, useApp } from '../../state';
import { ContactsApi } from './api';

export function RequestsScreen() {
  const { t } = useApp();
  const contactsApi = useApi(ContactsApi);
  const incoming = useLoad(() => contactsApi.listContactRequests('incoming'));
  const outgoing = useLoad(() => contactsApi.listContactRequests('outgoing'));
  const action = useAction();

  const act = async (run: () => Promise<unknown>) => {
    await action.run(run);
    announce(CONTACT_REQUESTS_CHANGED);
    incoming.reload();
    outgoing.reload();
  };

  const row = (request: ContactRequest, buttons: ComponentChildren) => (
    <li key={request.id} class="row row-stacked" data-testid={`request-${request.direction}`}>
      <Avatar name={request.account.displayName} />
      <span class="row-main">
        <span class="chat-name">{request.account.displayName}</span>
        <small class="muted one-line">@{request.account.username}</small>
        {request.note && <small class="note">“{request.note}”</small>}
      </span>
      <span class="row-actions">{buttons}</span>
    </li>
  );

  return (
    <Screen title={t('contacts.requests')} back="/contacts">
      <ErrorText error={action.error ?? incoming.error ?? outgoing.error} />
      <Section title={t('contacts.incoming')}>
        {incoming.loading && !incoming.data && <Loading />}
        {incoming.data?.length === 0 && <p class="empty">{t('contacts.noIncoming')}</p>}
        <ul class="list">
          {incoming.data?.map((request) =>
            row(
              request,
              <>
                <button
                  type="button"
                  class="small primary"
                  data-testid="accept"
                  disabled={action.busy}
                  onClick={() => act(() => contactsApi.acceptContactRequest(request.id))}
                >
                  {t('contacts.accept')}
                </button>
                <button
                  type="button"
                  class="small"
                  disabled={action.busy}
                  onClick={() => act(() => contactsApi.declineContactRequest(request.id))}
                >
                  {t('contacts.decline')}
                </button>
              </>,
            ),
          )}
        </ul>
      </Section>
      <Section title={t('contacts.outgoing')}>
        {outgoing.loading && !outgoing.data && <Loading />}
        {outgoing.data?.length === 0 && <p class="empty">{t('contacts.noOutgoing')}</p>}
        <ul class="list">
          {outgoing.data?.map((request) =>
            row(
              request,
              <button
                type="button"
                class="small"
                disabled={action.busy}
                onClick={() => act(() => contactsApi.cancelContactRequest(request.id))}
              >
                {t('contacts.withdraw')}
              </button>,
            ),
          )}
        </ul>
      </Section>
    </Screen>
  );
}
