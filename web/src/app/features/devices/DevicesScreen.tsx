// The devices logged in to the account; any of them can be logged out from here.
import { ErrorText, LinkRow, Loading, Screen, Section } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { useApi, useApp } from '../../state';
import { DevicesApi } from './api';

export function DevicesScreen() {
  const { t, language } = useApp();
  const devicesApi = useApi(DevicesApi);
  const devices = useLoad(() => devicesApi.listDevices());
  const action = useAction();
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Screen title={t('devices.title')} back="/me">
      <ErrorText error={action.error ?? devices.error} />
      <Section>
        {devices.loading && !devices.data && <Loading />}
        <ul class="list" data-testid="devices-list">
          {devices.data?.map((device) => (
            <li key={device.id} class="row" data-testid="device">
              <span class="row-main">
                {device.name}
                <small class="muted">
                  {device.current
                    ? t('devices.current')
                    : t('devices.lastSeen', { time: format.format(new Date(device.lastSeenAt)) })}
                </small>
              </span>
              {!device.current && (
                <button
                  type="button"
                  class="small danger"
                  data-testid="revoke"
                  disabled={action.busy}
                  onClick={async () => {
                    if (!confirm(t('devices.confirmRevoke', { name: device.name }))) return;
                    await action.run(() => devicesApi.revokeDevice(device.id));
                    devices.reload();
                  }}
                >
                  {t('devices.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </Section>
      <Section>
        <LinkRow href="#/me/devices/link" label={t('link.linkDevice')} testId="link-device" />
      </Section>
    </Screen>
  );
}
