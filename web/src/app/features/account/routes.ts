// The account's screens: Me (profile, language, sign out). Signing in is App's logged-out screen.
import type { FeatureRoutes } from '../../router';
import { MeScreen } from './MeScreen';

export const ACCOUNT_ROUTES: FeatureRoutes = {
  screens: { '/me': MeScreen },
};
