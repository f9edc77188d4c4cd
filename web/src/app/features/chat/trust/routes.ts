// Trust's screens: a contact's safety number (from a chat or from Contacts) and the backup under Me.
import { createElement } from 'preact';
import type { FeatureRoutes } from '../../../router';
import { BackupScreen } from './BackupScreen';
import { SafetyNumberScreen } from './SafetyNumberScreen';

export const TRUST_ROUTES: FeatureRoutes = {
  screens: {
    '/me/backup': BackupScreen,
  },
  match(route) {
    const safety = /^\/(chat\/[A-Za-z0-9_-]+|contacts)\/safety\/([A-Za-z0-9_-]+)$/.exec(route);
    if (!safety) return undefined;
    return { page: createElement(SafetyNumberScreen, { key: route, accountId: safety[2]!, back: `/${safety[1]}` }),
      tabRoute: safety[1] === 'contacts' ? '/contacts' : '/chats' };
  },
};
