import { describe, expect, it, vi } from 'vitest';
import { AtriumApi } from './atrium';
import { ApiClient } from './client';

describe('AtriumApi', () => {
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
    const api = new AtriumApi(new ApiClient({ token: () => 't', fetch }));

    await api.lookupUser('../me');

    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe('/api/v1/users/..%2Fme');
  });

  it('reads the registration mode without a login', async () => {
    const fetch = vi.fn(async () => Response.json({ mode: 'invite-only' }));
    const api = new AtriumApi(new ApiClient({ token: () => null, fetch }));

    expect(await api.getRegistration()).toEqual({ mode: 'invite-only' });
    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe('/api/v1/registration');
  });

  it('leaves out an empty invite code when registering', async () => {
    const fetch = vi.fn(async () => Response.json({}, { status: 201 }));
    const api = new AtriumApi(new ApiClient({ token: () => null, fetch }));

    await api.registerAccount({
      username: 'ann',
      password: 'p'.repeat(10),
      displayName: 'Ann',
      language: 'en',
      inviteCode: '',
      deviceName: 'Web',
    });

    const body = JSON.parse((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body as string);
    expect(body).not.toHaveProperty('inviteCode');
  });
});
