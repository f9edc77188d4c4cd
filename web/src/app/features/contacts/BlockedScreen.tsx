// Accounts the user blocked, with a way to lift each block.
import { Avatar, ErrorText, Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { useApi, useApp } from '../../state';
import { ContactsApi } from './api';

export function BlockedScreen() {
  const { t } = useApp();
  const contactsApi = useApi(ContactsApi);
  const blocks = useLoad(() => contactsApi.listBlocks());
  const action = useAction();
  return (
    <Screen title={t('contacts.blocked')} back="/contacts">
      <ErrorText error={action.error ?? blocks.error} />
      <Section>
        {blocks.loading && !blocks.data && <Loading />}
        {blocks.data?.length === 0 && <p class="empty">{t('contacts.noBlocked')}</p>}
        <ul class="list" data-testid="blocked-list">
          {blocks.data?.map((block) => (
            <li key={block.account.id} class="row" data-testid="blocked">
              <Avatar name={block.account.displayName} />
              <span class="row-main">
                {block.account.displayName}
                <small class="muted">@{block.account.username}</small>
              </span>
              <button
                type="button"
                class="small"
                disabled={action.busy}
                onClick={async () => {
                  await action.run(() => contactsApi.unblockAccount(block.account.id));
                  blocks.reload();
                }}
              >
                {t('contacts.unblock')}
              </button>
            </li>
          ))}
        </ul>
      </Section>
    </Screen>
  );
}
