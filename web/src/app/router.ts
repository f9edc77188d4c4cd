// Hash routing (#/contacts, #/me/devices): every screen is one index.html, so the server and
// the service worker serve a single file, offline too. /c/<token> (a contact link) and
// /link/<code> (a device link) are turned into #/c/<token> and #/link/<code> at start.
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
