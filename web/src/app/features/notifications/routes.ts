// The notifications feature's screen: Me → Notifications (the badges and notifications
// themselves come from use-notification-center.ts, which App puts into the tab bar).
import type { FeatureRoutes } from '../../router';
import { NotificationsScreen } from './NotificationsScreen';

export const NOTIFICATION_ROUTES: FeatureRoutes = {
  screens: { '/me/notifications': NotificationsScreen },
};
