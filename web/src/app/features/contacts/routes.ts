// The contacts feature's screens: the Contacts tab, a contact's page, adding one (also by a
// contact link, /c/<token>), requests, blocked people, and this account's own code under Me.
import { createElement } from 'preact';
import type { FeatureRoutes } from '../../router';
import { AddContactScreen } from './AddContactScreen';
import { BlockedScreen } from './BlockedScreen';
import { ContactLinkScreen } from './ContactLinkScreen';
import { ContactScreen, ContactsScreen } from './ContactsScreen';
import { MyCodeScreen } from './MyCodeScreen';
import { RequestsScreen } from './RequestsScreen';

export const CONTACT_ROUTES: FeatureRoutes = {
  screens: {
    '/contacts': ContactsScreen,
    '/contacts/add': AddContactScreen,
    '/contacts/requests': RequestsScreen,
    '/contacts/blocked': BlockedScreen,
    '/me/code': MyCodeScreen,
  },
  match(route) {
    const linkToken = /^\/c\/([A-Za-z0-9_-]+)$/.exec(route)?.[1];
    if (linkToken)
      return { page: createElement(ContactLinkScreen, { key: linkToken, token: linkToken }), tabRoute: route };
    const contactId = /^\/contacts\/([A-Za-z0-9_-]+)$/.exec(route)?.[1];
    if (contactId) return { page: createElement(ContactScreen, { key: route, accountId: contactId }), tabRoute: route };
    return undefined;
  },
};
