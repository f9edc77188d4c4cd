import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../api/client';
import { AccountApi } from './api';

describe('AccountApi', () => {
  it('reads the registration mode without a login', async () => {
    const fetch = vi.fn(async () => Response.json({ mode: 'invite-only' }));
    const api = new AccountApi(new ApiClient({ token: () => null, fetch }));

    expect(await api.getRegistration()).toEqual({ mode: 'invite-only' });
    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe('/api/v1/registration');
  });

  it('leaves out an empty invite code when registering', async () => {
    const fetch = vi.fn(async () => Response.json({}, { status: 201 }));
    const api = new AccountApi(new ApiClient({ token: () => null, fetch }));

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
