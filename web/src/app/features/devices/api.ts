// The calls of the device list: the account's logged-in devices and their revocation.
import type { ApiClient } from '../../api/client';
import { segment } from '../../api/paging';
import type { Device } from '../../api/types';

export class DevicesApi {
  constructor(readonly client: ApiClient) {}

  listDevices(): Promise<Device[]> {
    return this.client.get('/api/v1/devices');
  }

  revokeDevice(deviceId: string): Promise<void> {
    return this.client.delete(`/api/v1/devices/${segment(deviceId)}`);
  }
}
