// The frame around every screen: a title bar (with a back link on inner screens), the content,
// and the tab bar (at the bottom on phones, at the side on wide screens). Inside a chat the phone
// hides the tab bar and the screen fills the viewport, so the composer sits at the bottom; the
// chat's own pages (members, safety number) hide it too, so going in and out of them keeps one frame.
import type { ComponentChildren, FunctionComponent } from 'preact';
import { errorMessage, type SharedKey } from '../i18n/i18n';
import { navigate } from '../router';
import { useApp } from '../state';
import { BackIcon, ChatsIcon, ChevronIcon, ContactsIcon, DiscoverIcon, MeIcon } from './icons';

interface Tab {
  route: string;
  label: SharedKey;
  Icon: FunctionComponent;
}

const TABS: readonly Tab[] = [
  { route: '/chats', label: 'tab.chats', Icon: ChatsIcon },
  { route: '/contacts', label: 'tab.contacts', Icon: ContactsIcon },
  { route: '/discover', label: 'tab.discover', Icon: DiscoverIcon },
  { route: '/me', label: 'tab.me', Icon: MeIcon },
];

/**
 * A tab's badge: a count, or only a dot (`count` 0). Screen readers read `label` after the tab's
 * name instead of the bare number (an aria-label on the tab would hide its visible name).
 */
export interface TabBadge {
  count: number;
  text: string;
  label: string;
}

/** `chat`: a conversation (fills the viewport); `ofChat`: a page of one (members); neither shows the phone's tab bar. */
export function Shell({
  route,
  chat = false,
  ofChat = false,
  badges = {},
  children,
}: {
  route: string;
  chat?: boolean;
  ofChat?: boolean;
  badges?: Partial<Record<string, TabBadge>>;
  children: ComponentChildren;
}) {
  const { t } = useApp();
  return (
    <div class={chat ? 'shell in-chat' : ofChat ? 'shell of-chat' : 'shell'}>
      <nav class="tabs" aria-label={t('app.name')}>
        <div class="tabs-brand">{t('app.name')}</div>
        {TABS.map(({ route: tabRoute, label, Icon }) => {
          const active = route === tabRoute || route.startsWith(`${tabRoute}/`);
          const badge = badges[tabRoute];
          return (
            <a
              key={tabRoute}
              href={`#${tabRoute}`}
              class={active ? 'tab active' : 'tab'}
              aria-current={active ? 'page' : undefined}
              data-testid={`tab-${tabRoute.slice(1)}`}
            >
              <span class="tab-icon">
                <Icon />
                {badge && (
                  <span
                    class={badge.count > 0 ? 'tab-badge' : 'tab-badge dot'}
                    aria-hidden="true"
                    data-testid={`badge-${tabRoute.slice(1)}`}
                    data-count={badge.count}
                  >
                    {badge.text}
                  </span>
                )}
              </span>
              <span>{t(label)}</span>
              {badge && <span class="visually-hidden">{`, ${badge.label}`}</span>}
            </a>
          );
        })}
      </nav>
      <div class="screen">{children}</div>
    </div>
  );
}

/** `fill`: the content takes the viewport's remaining height and scrolls inside (a chat). */
export function Screen({
  title,
  back,
  fill = false,
  children,
}: {
  title: string;
  back?: string;
  fill?: boolean;
  children: ComponentChildren;
}) {
  const { t } = useApp();
  return (
    <>
      <header class="bar">
        {back && (
          <button type="button" class="bar-back" onClick={() => navigate(back)} aria-label={t('common.back')}>
            <BackIcon />
          </button>
        )}
        <h1 data-testid="screen-title">{title}</h1>
      </header>
      <main class={fill ? 'content fill' : 'content'}>{children}</main>
    </>
  );
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useApp();
  if (!error) return null;
  return (
    <p class="error" role="alert" data-testid="error">
      {errorMessage(t, error)}
    </p>
  );
}

export function Section({ title, children }: { title?: string; children: ComponentChildren }) {
  return (
    <section class="section">
      {title && <h2 class="section-title">{title}</h2>}
      <div class="card">{children}</div>
    </section>
  );
}

export function LinkRow({
  href,
  label,
  detail,
  testId,
}: {
  href: string;
  label: string;
  detail?: string;
  testId?: string;
}) {
  return (
    <a class="row row-link" href={href} data-testid={testId}>
      <span class="row-main">{label}</span>
      {detail && <span class="row-detail">{detail}</span>}
      <ChevronIcon />
    </a>
  );
}

/** A round badge with the first letter of a name, standing in for avatars until they exist. */
export function Avatar({ name }: { name: string }) {
  const letter = Array.from(name.trim())[0]?.toUpperCase() ?? '?';
  let hue = 0;
  for (const char of name) hue = (hue * 31 + char.charCodeAt(0)) % 360;
  return (
    <span class="avatar" style={{ background: `hsl(${hue} 45% 45%)` }} aria-hidden="true">
      {letter}
    </span>
  );
}

export function Loading() {
  const { t } = useApp();
  return <p class="muted">{t('common.loading')}</p>;
}
