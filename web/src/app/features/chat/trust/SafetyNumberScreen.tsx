// A contact's safety number: compare it with theirs (in person, or read over a call you trust);
// when the digits match, mark the contact as verified on this device. Side by side, scanning the
// other phone's QR code does the comparing (SafetyQrPanel).
import { useState } from 'preact/hooks';
import { displayName } from '../names';
import { ErrorText, Loading, Screen } from '../../../components/shell';
import { useAction, useLoad } from '../../../hooks';
import { useApp } from '../../../state';
import { deviceDb } from './device-db';
import { SafetyQrPanel } from './SafetyQrPanel';
import { useSafetyNumber } from './use-safety-number';
import { clearVerified, markVerified } from './verification';

/** `scanned`: the other phone's code, read by Discover → Scan; compared as soon as the number is known. */
export function SafetyNumberScreen({
  accountId,
  back,
  scanned,
}: {
  accountId: string;
  back: string;
  scanned?: string;
}) {
  const { api, t, session } = useApp();
  const [version, setVersion] = useState(0);
  const contacts = useLoad(() => api.listContacts().catch(() => []));
  const loaded = useSafetyNumber(api, session, accountId, version);
  const action = useAction();
  const names = new Map((contacts.data ?? []).map((contact) => [contact.account.id, contact.account.displayName]));
  const name = displayName(names, accountId, t('chat.someone'));
  const state = loaded.data;
  return (
    <Screen title={t('trust.safetyNumber.title')} back={back}>
      {loaded.loading && !state && <Loading />}
      <ErrorText error={loaded.error ?? action.error} />
      {state?.status === 'changed' && (
        <p class="notice" role="alert" data-testid="safety-changed">
          {t('trust.safetyNumber.changed', { name })}
        </p>
      )}
      {state && (
        <div class="card padded safety">
          <p class="muted">{t('trust.safetyNumber.explain', { name })}</p>
          <div class="safety-number" data-testid="safety-number" aria-label={state.number}>
            {state.groups.map((group, index) => (
              <code key={index}>{group}</code>
            ))}
          </div>
          <p
            data-testid="safety-status"
            data-status={state.status}
            class={state.status === 'verified' ? 'success' : 'muted'}
          >
            {state.status === 'verified'
              ? t('trust.safetyNumber.verified', { name })
              : t('trust.safetyNumber.notVerified')}
          </p>
          <div class="inline">
            {state.status !== 'verified' && (
              <button
                type="button"
                class="small primary"
                data-testid="mark-verified"
                disabled={action.busy}
                onClick={async () => {
                  await action.run(() => markVerified(deviceDb(session!.deviceId), accountId, state.number));
                  setVersion((value) => value + 1);
                }}
              >
                {t('trust.safetyNumber.markVerified')}
              </button>
            )}
            {state.status !== 'unverified' && (
              <button
                type="button"
                class="small"
                data-testid="clear-verified"
                disabled={action.busy}
                onClick={async () => {
                  await action.run(() => clearVerified(deviceDb(session!.deviceId), accountId));
                  setVersion((value) => value + 1);
                }}
              >
                {t('trust.safetyNumber.clearVerified')}
              </button>
            )}
          </div>
          <SafetyQrPanel
            ownId={session!.accountId}
            peerId={accountId}
            number={state.number}
            name={name}
            scanned={scanned}
            onMatch={async () => {
              await action.run(() => markVerified(deviceDb(session!.deviceId), accountId, state.number));
              setVersion((value) => value + 1);
            }}
          />
        </div>
      )}
    </Screen>
  );
}

/** For a direct chat: a link to the safety number, and a warning when a verified contact's keys changed. */
export function VerificationLink({ accountId, conversationId }: { accountId: string; conversationId: string }) {
  const { api, t, session } = useApp();
  const loaded = useSafetyNumber(api, session, accountId);
  return (
    <>
      {loaded.data?.status === 'changed' && (
        <p class="notice" role="alert" data-testid="verified-keys-changed">
          {t('trust.safetyNumber.changedShort')}
        </p>
      )}
      <a class="button-link" href={`#/chat/${conversationId}/safety/${accountId}`} data-testid="safety-number-link">
        {loaded.data?.status === 'verified' ? t('trust.safetyNumber.linkVerified') : t('trust.safetyNumber.link')}
      </a>
    </>
  );
}
