// Loads the safety number of this account and a contact (from the key directory) and its
// verification state on this device.
import type { AtriumApi } from '../../../api/atrium';
import { KeyDirectoryApi } from '../../../mls/key-directory';
import { useLoad } from '../../../hooks';
import { deviceDb } from './device-db';
import { verificationStatus, type VerificationStatus } from './verification';

export interface SafetyNumberState {
  groups: string[];
  number: string;
  status: VerificationStatus;
}

export async function loadSafetyNumber(
  api: AtriumApi,
  own: { accountId: string; deviceId: string },
  peerAccountId: string,
): Promise<SafetyNumberState> {
  const keys = new KeyDirectoryApi(api.client);
  // Loaded when first needed: SHA-512 stays out of the first load.
  const [{ formatSafetyNumber, safetyNumber }, ownKeys, peerKeys] = await Promise.all([
    import('./safety-number'),
    keys.listDeviceKeys(own.accountId),
    keys.listDeviceKeys(peerAccountId),
  ]);
  const groups = safetyNumber(
    { accountId: own.accountId, keys: ownKeys },
    { accountId: peerAccountId, keys: peerKeys },
  );
  const number = formatSafetyNumber(groups);
  return { groups, number, status: await verificationStatus(deviceDb(own.deviceId), peerAccountId, number) };
}

export function useSafetyNumber(
  api: AtriumApi,
  own: { accountId: string; deviceId: string } | null | undefined,
  peerAccountId: string | undefined,
  version = 0,
) {
  return useLoad(
    async () => (own && peerAccountId ? loadSafetyNumber(api, own, peerAccountId) : null),
    [own?.deviceId, peerAccountId, version],
  );
}
