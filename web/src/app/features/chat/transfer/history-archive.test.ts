import { describe, expect, it } from 'vitest';
import { memoryLocalDb } from '../../../store/local-db';
import type { ChatMessage } from '../engine/messages';
import {
  ARCHIVE_BYTES_MAX,
  ArchiveError,
  archiveCounts,
  collectHistory,
  importHistory,
  openArchive,
  sealArchive,
  type HistoryArchive,
} from './history-archive';

const message = (conversationId: string, seq: number, text: string, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  key: `dev1:m${seq}`,
  conversationId,
  seq,
  senderAccountId: 'acc1',
  senderDeviceId: 'dev1',
  kind: 'text',
  text,
  sentAt: 1_700_000_000_000 + seq,
  status: 'sent',
  ...extra,
});

async function oldDevice() {
  const db = memoryLocalDb();
  await db.setMany([
    [
      'msgs:c1',
      [message('c1', 1, 'first'), message('c1', 2, 'second'), message('c1', 3, 'unsent', { status: 'pending' })],
    ],
    ['msgs:c2', [message('c2', 1, 'in the group')]],
    ['conv:c1', { groupState: 'SECRET-GROUP-STATE' }],
    ['identity', { signaturePrivateKey: 'SECRET-IDENTITY' }],
    ['kp:ref1', { privateKey: 'SECRET-KEY-PACKAGE' }],
  ]);
  return db;
}

const bytesAsText = (chunks: Uint8Array[]) => chunks.map((chunk) => Buffer.from(chunk).toString('latin1')).join('');

describe('history archive', () => {
  it('holds the messages and none of the MLS secrets', async () => {
    const archive = await collectHistory(await oldDevice(), 'acc1', 42);
    expect(archiveCounts(archive)).toEqual({ conversations: 2, messages: 4 });
    const json = JSON.stringify(archive);
    expect(json).not.toContain('SECRET');
    expect(archive.conversations.map((conversation) => conversation.conversationId)).toEqual(['c1', 'c2']);
  });

  it('round-trips through encryption in chunks, and the ciphertext shows no text', async () => {
    const archive = await collectHistory(await oldDevice(), 'acc1');
    const sealed = await sealArchive(archive, 200);
    expect(sealed.chunks.length).toBeGreaterThan(2);
    expect(sealed.chunks.every((chunk) => chunk.length <= 200)).toBe(true);
    expect(sealed).toMatchObject({ messages: 4, conversations: 2 });
    expect(bytesAsText(sealed.chunks)).not.toContain('second');
    expect(await openArchive(sealed.chunks, sealed.key)).toEqual(archive);
  });

  it('refuses a tampered, reordered, truncated or extended archive, and a wrong key', async () => {
    const sealed = await sealArchive(await collectHistory(await oldDevice(), 'acc1'), 200);
    const flipped = sealed.chunks.map((chunk) => chunk.slice());
    flipped[1]![20]! ^= 1;
    const otherKey = (await sealArchive(await collectHistory(memoryLocalDb(), 'x'), 200)).key;
    const refusals: [Uint8Array[], string][] = [
      [flipped, sealed.key],
      [[sealed.chunks[1]!, sealed.chunks[0]!, ...sealed.chunks.slice(2)], sealed.key],
      [sealed.chunks.slice(0, -1), sealed.key],
      [[...sealed.chunks, sealed.chunks[0]!], sealed.key],
      [sealed.chunks, otherKey],
      [[new Uint8Array(5)], sealed.key],
    ];
    for (const [chunks, key] of refusals)
      await expect(openArchive(chunks, key)).rejects.toMatchObject({ problem: 'damaged' });
  });

  it('refuses an archive over the size cap before encrypting', async () => {
    const big: HistoryArchive = {
      format: 'atrium-history',
      version: 1,
      accountId: 'acc1',
      createdAt: 0,
      conversations: [{ conversationId: 'c1', messages: [message('c1', 1, 'x'.repeat(ARCHIVE_BYTES_MAX))] }],
    };
    await expect(sealArchive(big, 1024 * 1024)).rejects.toBeInstanceOf(ArchiveError);
  });

  it('refuses well-encrypted content that is not an archive', async () => {
    const notHistory = {
      format: 'atrium-history',
      version: 1,
      accountId: 'acc1',
      createdAt: 0,
      conversations: [{ conversationId: 'c1', messages: [{ nope: true }] }],
    };
    const sealed = await sealArchive(notHistory as unknown as HistoryArchive, 1000);
    await expect(openArchive(sealed.chunks, sealed.key)).rejects.toMatchObject({ problem: 'malformed' });
  });

  it('imports in order, without duplicating what arrived live, and only for the same account', async () => {
    const sealed = await sealArchive(await collectHistory(await oldDevice(), 'acc1'), 4096);
    const archive = await openArchive(sealed.chunks, sealed.key);
    const newDevice = memoryLocalDb();
    // The new device already received message 2 live, and a newer one.
    await newDevice.setMany([['msgs:c1', [message('c1', 2, 'second'), message('c1', 9, 'live')]]]);
    await expect(importHistory(newDevice, archive, 'acc2')).rejects.toMatchObject({ problem: 'otherAccount' });
    expect(await importHistory(newDevice, archive, 'acc1')).toEqual({ conversations: 2, added: 3 });
    const c1 = (await newDevice.get<ChatMessage[]>('msgs:c1'))!;
    expect(c1.map((shown) => shown.text)).toEqual(['first', 'second', 'unsent', 'live']);
    expect(c1.find((shown) => shown.text === 'unsent')?.status).toBe('failed');
    expect((await newDevice.get<ChatMessage[]>('msgs:c2'))!.map((shown) => shown.text)).toEqual(['in the group']);
    // Importing twice adds nothing.
    expect(await importHistory(newDevice, archive, 'acc1')).toEqual({ conversations: 2, added: 0 });
    expect(await newDevice.keys('conv:')).toEqual([]);
  });
});
