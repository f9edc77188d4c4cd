// The devices feature's screens under Me: this account's devices, and approving a new device's
// link (typed in, scanned, or opened from its link /link/<code>).
import { createElement } from 'preact';
import type { FeatureRoutes } from '../../router';
import { DevicesScreen } from './DevicesScreen';
import { LinkDeviceScreen } from './LinkDeviceScreen';

export const DEVICE_ROUTES: FeatureRoutes = {
  screens: {
    '/me/devices': DevicesScreen,
    '/me/devices/link': LinkDeviceScreen,
  },
  match(route) {
    const code = /^\/link\/(dl_[A-Za-z0-9_-]+)$/.exec(route)?.[1];
    return code ? { page: createElement(LinkDeviceScreen, { key: code, code }), tabRoute: route } : undefined;
  },
};
