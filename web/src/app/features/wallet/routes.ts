// The wallet's screens under Me, for App's route table.
import type { FeatureRoutes } from '../../router';
import { PAY_SCREENS } from './pay-routes';
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
};
