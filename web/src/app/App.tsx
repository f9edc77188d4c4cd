// Picks the screen for the current route; logged-out visitors see the login screen first
// (the route, e.g. a contact link, is kept and shown once they are in). Each feature lists its
// own screens in its routes.ts; this is where they are put together.
import type { JSX } from 'preact';
import { Shell } from './components/shell';
import { ACCOUNT_ROUTES } from './features/account/routes';
import { AuthScreen } from './features/account/AuthScreen';
import { ChatProvider } from './features/chat/chat-context';
import { ChatsScreen } from './features/chat/ChatsScreen';
import { CHAT_ROUTES } from './features/chat/routes';
import { TRUST_ROUTES } from './features/chat/trust/routes';
import { CONTACT_ROUTES } from './features/contacts/routes';
import { DEVICE_ROUTES } from './features/devices/routes';
import { DISCOVER_ROUTES } from './features/discover/routes';
import { MERCHANT_ROUTES } from './features/merchants/routes';
import { NOTIFICATION_ROUTES } from './features/notifications/routes';
import { useTabBadges } from './features/notifications/tab-badges';
import { WALLET_ROUTES } from './features/wallet/routes';
import { useRoute, type FeatureRoutes, type MatchedScreen } from './router';
import { useApp } from './state';

const FEATURES: readonly FeatureRoutes[] = [
  CHAT_ROUTES,
  CONTACT_ROUTES,
  DISCOVER_ROUTES,
  ACCOUNT_ROUTES,
  DEVICE_ROUTES,
  TRUST_ROUTES,
  WALLET_ROUTES,
  MERCHANT_ROUTES,
  NOTIFICATION_ROUTES,
];

const SCREENS: Record<string, () => JSX.Element> = Object.assign(
  {},
  ...FEATURES.map((feature) => feature.screens ?? {}),
);

/** The screen for a route: a fixed one, else one with a parameter, else the Chats tab. */
function screenFor(route: string): MatchedScreen {
  const Fixed = SCREENS[route];
  if (Fixed) return { page: <Fixed key={route} />, tabRoute: route };
  for (const feature of FEATURES) {
    const matched = feature.match?.(route);
    if (matched) return matched;
  }
  return { page: <ChatsScreen key={route} />, tabRoute: route };
}

export function App() {
  const { session } = useApp();
  const route = useRoute();
  if (!session) return <AuthScreen />;
  return (
    <ChatProvider>
      <SignedIn route={route} />
    </ChatProvider>
  );
}

/** The signed-in frame: the screen, and the tab bar with what waits (notifications feature). */
function SignedIn({ route }: { route: string }) {
  const { page, tabRoute, inChat = false, ofChat = false } = screenFor(route);
  const badges = useTabBadges();
  return (
    <Shell route={tabRoute} chat={inChat} ofChat={ofChat} badges={badges}>
      {page}
    </Shell>
  );
}
