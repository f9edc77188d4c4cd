// Logging a browser in by QR code (see /api/openapi.json, operations *DeviceLink). The new
// browser creates a link and polls with its secret; a logged-in device looks the code up and
// approves or declines.
import type { ApiClient } from '../../api/client';
import type { SessionResponse } from '../../api/types';

export interface DeviceLink {
  code: string;
  /** <server>/link/<code>: what the QR code encodes. */
  url: string;
  pollSecret: string;
  /** The QR code of url as SVG text. */
  qrSvg: string;
  expiresAt: string;
}

export type DeviceLinkStatus = 'pending' | 'approved' | 'declined' | 'expired';

export interface DeviceLinkPoll {
  status: DeviceLinkStatus;
  expiresAt: string;
  /** Present once, in the answer that reports approval. */
  session?: SessionResponse | null;
}

export interface PendingDeviceLink {
  deviceName: string;
  createdAt: string;
  expiresAt: string;
}

export class DeviceLinkApi {
  constructor(private readonly client: ApiClient) {}

  createDeviceLink(deviceName: string): Promise<DeviceLink> {
    return this.client.post('/api/v1/device-links', { deviceName });
  }

  pollDeviceLink(pollSecret: string): Promise<DeviceLinkPoll> {
    return this.client.post('/api/v1/device-links/poll', { pollSecret });
  }

  lookupDeviceLink(code: string): Promise<PendingDeviceLink> {
    return this.client.post('/api/v1/device-links/lookup', { code });
  }

  approveDeviceLink(code: string): Promise<void> {
    return this.client.post('/api/v1/device-links/approve', { code });
  }

  declineDeviceLink(code: string): Promise<void> {
    return this.client.post('/api/v1/device-links/decline', { code });
  }
}

/**
 * The code in a scanned or pasted device link: "<server>/link/dl_…", "#/link/dl_…" or the bare
 * code; null when the text holds none.
 */
export function deviceLinkCodeOf(text: string): string | null {
  const match = /(?:^|\/link\/)(dl_[A-Za-z0-9_-]{16,128})\/?(?:[?#].*)?$/.exec(text.trim());
  return match ? match[1]! : null;
}
