// The merchant view under the wallet: applying for a shop, its code, payments, refunds and payouts.
import type { FeatureRoutes } from '../../router';
import { MerchantScreen } from './MerchantScreen';

export const MERCHANT_ROUTES: FeatureRoutes = {
  screens: { '/me/wallet/merchant': MerchantScreen },
};
