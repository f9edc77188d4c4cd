import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError } from './client';

function respond(status: number, body?: unknown, contentType = 'application/json') {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(
    async () => new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': contentType } }),
  );
}

describe('ApiClient', () => {
  it('sends the bearer token and JSON body, and returns the parsed answer', async () => {
    const fetch = respond(200, { id: 'acc_1' });
    const client = new ApiClient({ token: () => 'atr_secret', fetch, baseUrl: 'http://server' });

    const result = await client.patch<{ id: string }>('/api/v1/me', { language: 'de' });

    expect(result).toEqual({ id: 'acc_1' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://server/api/v1/me');
    expect(init.method).toBe('PATCH');
    expect(init.body).toBe('{"language":"de"}');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer atr_secret', 'Content-Type': 'application/json' });
  });

  it('sends no Authorization header without a token', async () => {
    const fetch = respond(201, { token: 't' });
    await new ApiClient({ token: () => null, fetch }).post('/api/v1/sessions', {});
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.headers).not.toHaveProperty('Authorization');
  });

  it('returns undefined for 204 No Content', async () => {
    const client = new ApiClient({ token: () => 't', fetch: respond(204) });
    await expect(client.delete('/api/v1/devices/d1')).resolves.toBeUndefined();
  });

  it('maps the error contract to an ApiError with status, code, message and field', async () => {
    const fetch = respond(422, { error: { code: 'validation_failed', message: 'Too short.', field: 'password' } });
    const client = new ApiClient({ token: () => null, fetch });

    const error = await client.post('/api/v1/accounts', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'validation_failed', message: 'Too short.', field: 'password' });
  });

  it('maps a body without the error contract to unexpected_response, keeping the status', async () => {
    const client = new ApiClient({ token: () => null, fetch: respond(502, '<html>Bad gateway</html>', 'text/html') });
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ status: 502, code: 'unexpected_response' });
  });

  it('maps an error object without a code to unexpected_response', async () => {
    const client = new ApiClient({ token: () => null, fetch: respond(500, { error: { message: 'x' } }) });
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ status: 500, code: 'unexpected_response' });
  });

  it('maps a failed fetch to network_error', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const client = new ApiClient({ token: () => null, fetch });
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('gives up on a request the server never answers, as a network error', async () => {
    const fetch = vi.fn(
      (_input: string, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
        }),
    );
    const client = new ApiClient({ token: () => null, fetch, requestTimeoutMillis: 50 });
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('maps a success body that is not JSON to unexpected_response', async () => {
    const client = new ApiClient({ token: () => null, fetch: respond(200, 'not json', 'text/plain') });
    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('reports a rejected token (401 with a token) so the app can log out', async () => {
    const onUnauthenticated = vi.fn();
    const fetch = respond(401, { error: { code: 'unauthenticated', message: 'No.' } });
    const client = new ApiClient({ token: () => 'atr_revoked', fetch, onUnauthenticated });

    await expect(client.get('/api/v1/me')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('does not report a 401 when no token was sent (a failed login)', async () => {
    const onUnauthenticated = vi.fn();
    const fetch = respond(401, { error: { code: 'invalid_credentials', message: 'Wrong.' } });
    const client = new ApiClient({ token: () => null, fetch, onUnauthenticated });

    await expect(client.post('/api/v1/sessions', {})).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});
