// Picks the screen for the current route; logged-out visitors see the login screen first
// (the route, e.g. a contact link, is kept and shown once they are in).
import type { JSX } from 'preact';
import { Shell } from './components/shell';
import { useRoute } from './router';
import { AddContactScreen } from './screens/AddContactScreen';
import { AuthScreen } from './screens/AuthScreen';
import { BlockedScreen } from './screens/BlockedScreen';
import { ChatsScreen } from './screens/ChatsScreen';
import { ContactLinkScreen } from './screens/ContactLinkScreen';
import { ContactsScreen } from './screens/ContactsScreen';
import { DevicesScreen } from './screens/DevicesScreen';
import { DiscoverScreen } from './screens/DiscoverScreen';
import { LinkDeviceScreen } from './screens/LinkDeviceScreen';
import { MeScreen } from './screens/MeScreen';
import { MyCodeScreen } from './screens/MyCodeScreen';
import { RequestsScreen } from './screens/RequestsScreen';
import { WALLET_SCREENS } from './screens/wallet/routes';
import { useApp } from './state';

const SCREENS: Record<string, () => JSX.Element> = {
  '/chats': ChatsScreen,
  '/contacts': ContactsScreen,
  '/contacts/add': AddContactScreen,
  '/contacts/requests': RequestsScreen,
  '/contacts/blocked': BlockedScreen,
  '/discover': DiscoverScreen,
  '/me': MeScreen,
  '/me/devices': DevicesScreen,
  '/me/code': MyCodeScreen,
  '/me/devices/link': LinkDeviceScreen,
  ...WALLET_SCREENS,
};

export function App() {
  const { session } = useApp();
  const route = useRoute();
  if (!session) return <AuthScreen />;
  const linkToken = /^\/c\/([A-Za-z0-9_-]+)$/.exec(route)?.[1];
  const deviceLinkCode = /^\/link\/(dl_[A-Za-z0-9_-]+)$/.exec(route)?.[1];
  const Page = SCREENS[route] ?? ChatsScreen;
  return (
    <Shell route={route}>
      {linkToken ? <ContactLinkScreen key={linkToken} token={linkToken} />
        : deviceLinkCode ? <LinkDeviceScreen key={deviceLinkCode} code={deviceLinkCode} />
        : <Page key={route} />}
    </Shell>
  );
}
