// The server's key directory, which the keyring uses: this device's identity key and key
// packages, other devices' keys, and key packages claimed to add a device to a group.
import type { ApiClient } from '../api/client';
import { segment } from '../api/paging';
import type { ClaimedKeyPackage, DeviceKey, KeyPackageCount, KeyPackageUpload } from '../api/types';

export class KeyDirectoryApi {
  constructor(readonly client: ApiClient) {}

  registerIdentityKey(ciphersuite: number, signaturePublicKey: string): Promise<DeviceKey> {
    return this.client.put('/api/v1/devices/current/identity-key', { ciphersuite, signaturePublicKey });
  }

  listDeviceKeys(accountId: string): Promise<DeviceKey[]> {
    return this.client.get(`/api/v1/accounts/${segment(accountId)}/devices`);
  }

  uploadKeyPackages(keyPackages: KeyPackageUpload[], lastResort?: KeyPackageUpload): Promise<KeyPackageCount> {
    return this.client.post(
      '/api/v1/devices/current/key-packages',
      lastResort ? { keyPackages, lastResort } : { keyPackages },
    );
  }

  countKeyPackages(): Promise<KeyPackageCount> {
    return this.client.get('/api/v1/devices/current/key-packages/count');
  }

  claimKeyPackages(accountId: string, ciphersuite: number): Promise<{ keyPackages: ClaimedKeyPackage[] }> {
    return this.client.post(`/api/v1/accounts/${segment(accountId)}/key-packages/claim`, { ciphersuite });
  }
}
