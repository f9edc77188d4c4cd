import { describe, expect, it } from 'vitest';
import { MutedChats, type Mute } from './muted-chats';

function fakeApi(listed: Mute[]) {
  const calls: string[] = [];
  const client = {
    get: async () => listed,
    // The server leaves out a null mutedUntil, as Jackson does.
    put: async (path: string, body: { until?: string }) => {
      calls.push(`PUT ${path} ${body.until}`);
      return body.until
        ? { conversationId: path.split('/')[4], mutedUntil: body.until }
        : { conversationId: path.split('/')[4] };
    },
    delete: async (path: string) => {
      calls.push(`DELETE ${path}`);
    },
  };
  return { api: { client } as never, calls };
}

describe('MutedChats', () => {
  it('a mute until unmuted lasts; one with an end stops counting after it', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { api } = fakeApi([{ conversationId: 'a' }, { conversationId: 'b', mutedUntil: '2026-01-01T08:00:00Z' }]);
    const muted = new MutedChats(api, () => now);
    await muted.load();
    expect([muted.isMuted('a'), muted.isMuted('b'), muted.isMuted('c')]).toEqual([true, true, false]);
    now = Date.parse('2026-01-01T09:00:00Z');
    expect([muted.isMuted('a'), muted.isMuted('b')]).toEqual([true, false]);
  });

  it('muting for 8 hours sends the end time, and unmuting forgets it', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const { api, calls } = fakeApi([]);
    const muted = new MutedChats(api, () => now);
    let changes = 0;
    muted.subscribe(() => changes++);
    await muted.mute('c1', '8h');
    expect(muted.isMuted('c1')).toBe(true);
    await muted.unmute('c1');
    expect(muted.isMuted('c1')).toBe(false);
    expect(calls).toEqual([
      'PUT /api/v1/conversations/c1/mute 2026-01-01T08:00:00.000Z',
      'DELETE /api/v1/conversations/c1/mute',
    ]);
    expect(changes).toBe(2);
    await muted.mute('c2', 'always');
    expect(muted.isMuted('c2')).toBe(true);
    expect(calls[2]).toBe('PUT /api/v1/conversations/c2/mute undefined');
  });
});
