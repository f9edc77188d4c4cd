// The tab bar's badges from what waits: Chats counts unread messages of chats that are not
// muted (a dot when only muted chats have some), Contacts counts incoming contact requests.
import type { TabBadge } from '../../components/shell';
import { useApp } from '../../state';
import { badgeText } from './counts';
import { useNotificationCenter } from './use-notification-center';

export function useTabBadges(): Partial<Record<string, TabBadge>> {
  const { t } = useApp();
  const { chats, requests } = useNotificationCenter();
  const badges: Partial<Record<string, TabBadge>> = {};
  if (chats.count > 0) {
    badges['/chats'] = {
      count: chats.count,
      text: badgeText(chats.count),
      label: t('chats.unread', { count: chats.count }),
    };
  } else if (chats.mutedUnread) {
    badges['/chats'] = { count: 0, text: '', label: t('notify.mutedUnread') };
  }
  if (requests > 0) {
    badges['/contacts'] = {
      count: requests,
      text: badgeText(requests),
      label: t('notify.requestsWaiting', { count: requests }),
    };
  }
  return badges;
}
