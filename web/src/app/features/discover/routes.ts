// The Discover tab, and its scanner for every Atrium code.
import type { FeatureRoutes } from '../../router';
import { DiscoverScreen } from './DiscoverScreen';
import { ScanScreen } from './ScanScreen';

export const DISCOVER_ROUTES: FeatureRoutes = {
  screens: {
    '/discover': DiscoverScreen,
    '/discover/scan': ScanScreen,
  },
};
