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
    // A third part is a safety number code scanned in Discover → Scan, compared as soon as the number is known.
    const safety = /^\/(chat\/[A-Za-z0-9_-]+|contacts)\/safety\/([A-Za-z0-9_-]+)(?:\/([^/]+))?$/.exec(route);
    if (!safety) return undefined;
    const scanned = scannedCodeOf(safety[3]);
    return {
      page: createElement(SafetyNumberScreen, { key: route, accountId: safety[2]!, back: `/${safety[1]}`, scanned }),
      tabRoute: safety[1] === 'contacts' ? '/contacts' : '/chats',
      ofChat: safety[1] !== 'contacts',
    };
  },
};

function scannedCodeOf(part: string | undefined): string | undefined {
  if (part === undefined) return undefined;
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
