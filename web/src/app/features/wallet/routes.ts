// The wallet's screens under Me, for App's route table.
import { createElement } from 'preact';
import type { FeatureRoutes } from '../../router';
import { PAY_SCREENS } from './pay-routes';
import { ScanPayScreen } from './ScanPayScreen';
import { WalletHistoryScreen } from './WalletHistoryScreen';
import { WalletPinScreen } from './WalletPinScreen';
import { WalletScreen } from './WalletScreen';
import { WalletTopUpScreen } from './WalletTopUpScreen';

export const WALLET_ROUTES: FeatureRoutes = {
  screens: {
    '/me/wallet': WalletScreen,
    '/me/wallet/pin': WalletPinScreen,
    '/me/wallet/top-up': WalletTopUpScreen,
    '/me/wallet/history': WalletHistoryScreen,
    ...PAY_SCREENS,
  },
  match(route) {
    // A shop's code that Discover → Scan recognised: the payment opens with it already read.
    const payload = /^\/discover\/scan\/pay\/(.+)$/.exec(route)?.[1];
    if (!payload) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(payload);
    } catch {
      return undefined;
    }
    return { page: createElement(ScanPayScreen, { key: route, scanned: decoded }), tabRoute: '/discover/scan' };
  },
};
