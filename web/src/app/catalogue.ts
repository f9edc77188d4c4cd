// The app's full message catalogue: the shared messages (i18n/strings.ts) and every feature's
// own (features/<name>/strings.ts), per language. Part of the composition root like App.tsx:
// adding a feature with messages means adding its strings here. Keys never repeat across parts
// (catalogue.test.ts checks it), so the order of the spreads does not matter.
import type { Language } from './api/types';
import * as account from './features/account/strings';
import * as chat from './features/chat/strings';
import * as contacts from './features/contacts/strings';
import * as devices from './features/devices/strings';
import * as discover from './features/discover/strings';
import * as merchants from './features/merchants/strings';
import * as notifications from './features/notifications/strings';
import * as wallet from './features/wallet/strings';
import { translatorFor, type Params } from './i18n/i18n';
import * as shared from './i18n/strings';

/** Each part's messages in every language; the parts' types make every language complete. */
export const CATALOGUE_PARTS = { shared, account, chat, contacts, devices, discover, merchants, notifications, wallet };

const english = {
  ...shared.en,
  ...account.en,
  ...chat.en,
  ...contacts.en,
  ...devices.en,
  ...discover.en,
  ...merchants.en,
  ...notifications.en,
  ...wallet.en,
};

export type MessageKey = keyof typeof english;
export type Catalogue = Record<MessageKey, string>;
export type Translate = (key: MessageKey, params?: Params) => string;

function catalogue(language: Exclude<Language, 'en'>): Catalogue {
  return {
    ...shared[language],
    ...account[language],
    ...chat[language],
    ...contacts[language],
    ...devices[language],
    ...discover[language],
    ...merchants[language],
    ...notifications[language],
    ...wallet[language],
  };
}

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = {
  en: english,
  de: catalogue('de'),
  fr: catalogue('fr'),
  zh: catalogue('zh'),
};

export function translator(language: Language): Translate {
  return translatorFor(CATALOGUES[language], CATALOGUES.en);
}
