// The calls every part of the app shares: the signed-in account's profile (the app state keeps
// it) and the contact list (chats, the wallet and notifications read it to name people). Each
// feature's own calls live in its features/<name>/api.ts; the MLS key directory in mls/.
import type { ApiClient } from './client';
import { allPages } from './paging';
import type { Contact, Profile } from './types';

export class AtriumApi {
  constructor(readonly client: ApiClient) {}

  getProfile(): Promise<Profile> {
    return this.client.get('/api/v1/me');
  }

  updateProfile(change: { displayName?: string; language?: string }): Promise<Profile> {
    return this.client.patch('/api/v1/me', change);
  }

  listContacts(): Promise<Contact[]> {
    return allPages<Contact>(this.client, '/api/v1/contacts', 'contacts');
  }
}
