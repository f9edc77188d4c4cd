// Hash routing (#/contacts, #/me/devices): every screen is one index.html, so the server and
// the service worker serve a single file, offline too. /c/<token> (a contact link) and
// /link/<code> (a device link) are turned into #/c/<token> and #/link/<code> at start.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function currentRoute(): string {
  const route = location.hash.replace(/^#/, '');
  return route.startsWith('/') ? route : '/chats';
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const onChange = () => setRoute(currentRoute());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: string): void {
  location.hash = `#${route}`;
}

/** Rewrites a contact or device link's path (/c/<token>, /link/<code>) into its hash route. */
export function adoptContactLinkPath(): void {
  const match = /^\/(c|link)\/([A-Za-z0-9_-]{8,128})\/?$/.exec(location.pathname);
  if (match) history.replaceState(null, '', `/#/${match[1]}/${match[2]}`);
}

/** A screen picked for a route with a parameter (`/chat/<id>`), and how the frame shows it. */
export interface MatchedScreen {
  page: JSX.Element;
  /** The route whose tab the tab bar highlights (a chat's page highlights Chats). */
  tabRoute: string;
  /** The screen is a conversation: on phones the tab bar hides and the screen fills the viewport. */
  inChat?: boolean;
  /**
   * The screen belongs to a conversation (its members, its safety number): on phones the tab bar
   * hides as in the chat itself, but the screen scrolls as a whole.
   */
  ofChat?: boolean;
}

/**
 * What a feature adds to App's route table (each feature's `routes.ts`): screens at fixed
 * routes, and a matcher for its routes with a parameter. Fixed routes win over matchers.
 */
export interface FeatureRoutes {
  screens?: Record<string, () => JSX.Element>;
  /** The screen for one of this feature's routes with a parameter; undefined for any other route. */
  match?: (route: string) => MatchedScreen | undefined;
}
