import { describe, expect, it, vi } from 'vitest';
import { AtriumApi } from '../../api/atrium';
import { ApiClient } from '../../api/client';
import { ContactsApi } from './api';

describe('ContactsApi', () => {
  it('follows nextCursor until the last page of a list', async () => {
    const pages = [
      { contacts: [{ account: { id: 'a' } }], nextCursor: 'c1' },
      { contacts: [{ account: { id: 'b' } }] },
    ];
    const fetch = vi.fn(async () => Response.json(pages.shift()));
    const api = new AtriumApi(new ApiClient({ token: () => 't', fetch }));

    const contacts = await api.listContacts();

    expect(contacts.map((contact) => contact.account.id)).toEqual(['a', 'b']);
    const urls = fetch.mock.calls.map((call) => (call as unknown as [string])[0]);
    expect(urls).toEqual(['/api/v1/contacts?limit=200', '/api/v1/contacts?limit=200&after=c1']);
  });

  it('encodes path segments so a username cannot change the path', async () => {
    const fetch = vi.fn(async () => Response.json({ id: 'x', username: 'x', displayName: 'x' }));
    const api = new ContactsApi(new ApiClient({ token: () => 't', fetch }));

    await api.lookupUser('../me');

    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe('/api/v1/users/..%2Fme');
  });
});
