// Picks the screen for the current route; logged-out visitors see the login screen first
// (the route, e.g. a contact link, is kept and shown once they are in).
import type { JSX } from 'preact';
import { ChatProvider } from './chat/chat-context';
import { Shell } from './components/shell';
import { useRoute } from './router';
import { AddContactScreen } from './screens/AddContactScreen';
import { AuthScreen } from './screens/AuthScreen';
import { BlockedScreen } from './screens/BlockedScreen';
import { ConversationScreen } from './screens/ConversationScreen';
import { GroupMembersScreen } from './screens/GroupMembersScreen';
import { NewGroupScreen } from './screens/NewGroupScreen';
import { ChatsScreen } from './screens/ChatsScreen';
import { ContactLinkScreen } from './screens/ContactLinkScreen';
import { ContactScreen, ContactsScreen } from './screens/ContactsScreen';
import { DevicesScreen } from './screens/DevicesScreen';
import { DiscoverScreen } from './screens/DiscoverScreen';
import { LinkDeviceScreen } from './screens/LinkDeviceScreen';
import { MeScreen } from './screens/MeScreen';
import { MyCodeScreen } from './screens/MyCodeScreen';
import { RequestsScreen } from './screens/RequestsScreen';
import { BackupScreen } from './trust/BackupScreen';
import { SafetyNumberScreen } from './trust/SafetyNumberScreen';
import { WALLET_SCREENS } from './screens/wallet/routes';
import { useApp } from './state';

const SCREENS: Record<string, () => JSX.Element> = {
  '/chats': ChatsScreen,
  '/chats/new-group': NewGroupScreen,
  '/contacts': ContactsScreen,
  '/contacts/add': AddContactScreen,
  '/contacts/requests': RequestsScreen,
  '/contacts/blocked': BlockedScreen,
  '/discover': DiscoverScreen,
  '/me': MeScreen,
  '/me/devices': DevicesScreen,
  '/me/code': MyCodeScreen,
  '/me/devices/link': LinkDeviceScreen,
  '/me/backup': BackupScreen,
  ...WALLET_SCREENS,
};

export function App() {
  const { session } = useApp();
  const route = useRoute();
  if (!session) return <AuthScreen />;
  const linkToken = /^\/c\/([A-Za-z0-9_-]+)$/.exec(route)?.[1];
  const chat = /^\/chat\/([A-Za-z0-9_-]+)(\/members)?$/.exec(route);
  const safety = /^\/(chat\/[A-Za-z0-9_-]+|contacts)\/safety\/([A-Za-z0-9_-]+)$/.exec(route);
  const deviceLinkCode = /^\/link\/(dl_[A-Za-z0-9_-]+)$/.exec(route)?.[1];
  const contactId = SCREENS[route] ? undefined : /^\/contacts\/([A-Za-z0-9_-]+)$/.exec(route)?.[1];
  const Page = SCREENS[route] ?? ChatsScreen;
  let page: JSX.Element;
  if (linkToken) page = <ContactLinkScreen key={linkToken} token={linkToken} />;
  else if (deviceLinkCode) page = <LinkDeviceScreen key={deviceLinkCode} code={deviceLinkCode} />;
  else if (safety) page = <SafetyNumberScreen key={route} accountId={safety[2]!} back={`/${safety[1]}`} />;
  else if (chat?.[2]) page = <GroupMembersScreen key={route} conversationId={chat[1]!} />;
  else if (chat) page = <ConversationScreen key={route} conversationId={chat[1]!} />;
  else if (contactId) page = <ContactScreen key={route} accountId={contactId} />;
  else page = <Page key={route} />;
  return (
    <ChatProvider>
      <Shell route={safety ? (safety[1] === 'contacts' ? '/contacts' : '/chats') : chat ? '/chats' : route}
        chat={chat !== null && !chat[2]}>{page}</Shell>
    </ChatProvider>
  );
}
