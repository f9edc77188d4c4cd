// The Discover tab.
import type { FeatureRoutes } from '../../router';
import { DiscoverScreen } from './DiscoverScreen';

export const DISCOVER_ROUTES: FeatureRoutes = {
  screens: { '/discover': DiscoverScreen },
};
