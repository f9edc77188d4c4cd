import { describe, expect, it } from 'vitest';
import { TEXT_CHARS_MAX, decodePayload, encodePayload, newMessageId } from './codec';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('message payloads', () => {
  it('round-trips a text message, including non-Latin text', () => {
    const payload = { type: 'text' as const, id: newMessageId(), sentAt: 1_700_000_000_000, text: 'Grüße, 你好 👋' };
    expect(decodePayload(encodePayload(payload))).toEqual(payload);
  });

  it('refuses to send empty or oversized text and bad ids', () => {
    expect(() => encodePayload({ type: 'text', id: 'm1', sentAt: 1, text: '' })).toThrow();
    expect(() => encodePayload({ type: 'text', id: 'm1', sentAt: 1, text: 'x'.repeat(TEXT_CHARS_MAX + 1) })).toThrow();
    expect(() => encodePayload({ type: 'text', id: 'has space', sentAt: 1, text: 'hi' })).toThrow();
  });

  it('turns a message type it does not know into unsupported', () => {
    expect(decodePayload(json({ v: 1, t: 'poll', id: 'm2', at: 5 }))).toEqual({
      type: 'unsupported',
      id: 'm2',
      sentAt: 5,
    });
    expect(decodePayload(json({ v: 1, t: 'text', id: 'm3', at: 5, text: 42 }))).toMatchObject({ type: 'unsupported' });
  });

  it('throws on bytes that are not a payload at all', () => {
    expect(() => decodePayload(new Uint8Array([0xff, 0xfe]))).toThrow();
    expect(() => decodePayload(json([1, 2]))).toThrow();
    expect(() => decodePayload(json({ v: 2, t: 'text', id: 'm4', at: 1, text: 'x' }))).toThrow();
    expect(() => decodePayload(json({ v: 1, t: 'text', id: '../etc', at: 1, text: 'x' }))).toThrow();
  });

  it('makes ids the server accepts, different each time', () => {
    const a = newMessageId();
    expect(a).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
    expect(newMessageId()).not.toBe(a);
  });

  it('round-trips a file reference and refuses malformed ones', () => {
    const file = {
      attachmentId: 'att_abcdefghijklmnopqrstuvwxyz',
      key: 'A'.repeat(43) + '=',
      iv: 'B'.repeat(16),
      name: 'photo.jpg',
      mime: 'image/jpeg',
      size: 1234,
    };
    const payload = { type: 'file' as const, id: 'm9', sentAt: 7, file };
    expect(decodePayload(encodePayload(payload))).toEqual(payload);
    expect(
      decodePayload(json({ v: 1, t: 'file', id: 'm9', at: 7, file: { ...file, attachmentId: '../../etc/passwd' } })),
    ).toMatchObject({ type: 'unsupported' });
    expect(
      decodePayload(json({ v: 1, t: 'file', id: 'm9', at: 7, file: { ...file, mime: 'text/html; x' } })),
    ).toMatchObject({ type: 'unsupported' });
    expect(() => encodePayload({ ...payload, file: { ...file, key: 'short' } })).toThrow();
  });

  it('round-trips a voice note with its length; one without a sound file or a length in range is unsupported', () => {
    const file = {
      attachmentId: 'att_abcdefghijklmnopqrstuvwxyz',
      key: 'A'.repeat(43) + '=',
      iv: 'B'.repeat(16),
      name: '🎤 0:02',
      mime: 'audio/webm',
      size: 4321,
    };
    const payload = { type: 'voice' as const, id: 'm20', sentAt: 7, file, durationMillis: 2_140 };
    expect(decodePayload(encodePayload(payload))).toEqual(payload);
    const wire = { v: 1, t: 'voice', id: 'm20', at: 7, file, ms: 2_140 };
    expect(decodePayload(json({ ...wire, ms: 120_001 }))).toMatchObject({ type: 'unsupported' });
    expect(decodePayload(json({ ...wire, ms: 0 }))).toMatchObject({ type: 'unsupported' });
    expect(decodePayload(json({ ...wire, ms: '2140' }))).toMatchObject({ type: 'unsupported' });
    expect(decodePayload(json({ ...wire, file: { ...file, mime: 'image/png' } }))).toMatchObject({
      type: 'unsupported',
    });
    expect(() => encodePayload({ ...payload, durationMillis: 1.5 })).toThrow();
    expect(() => encodePayload({ ...payload, file: { ...file, mime: 'video/webm' } })).toThrow();
  });

  it('round-trips replies and reactions, and drops malformed ones', () => {
    const reply = {
      type: 'text' as const,
      id: 'm10',
      sentAt: 8,
      text: 'yes!',
      reply: { key: 'dev_1:m9', excerpt: 'Shall we?' },
    };
    expect(decodePayload(encodePayload(reply))).toEqual(reply);
    const reaction = { type: 'reaction' as const, id: 'm11', sentAt: 9, target: 'dev_1:m9', emoji: '👍' };
    expect(decodePayload(encodePayload(reaction))).toEqual(reaction);
    expect(decodePayload(encodePayload({ ...reaction, emoji: '' }))).toEqual({ ...reaction, emoji: '' });
    expect(() => encodePayload({ ...reaction, emoji: '<script>' })).toThrow();
    // A reply whose reference is malformed is still shown, as plain text.
    expect(
      decodePayload(json({ v: 1, t: 'text', id: 'm12', at: 1, text: 'hi', re: { key: 'no key', excerpt: 'x' } })),
    ).toEqual({ type: 'text', id: 'm12', sentAt: 1, text: 'hi' });
  });

  it('round-trips a membership change; one it cannot check is unsupported', () => {
    const payload = {
      type: 'member' as const,
      id: 'm20',
      sentAt: 1,
      change: 'added' as const,
      accountIds: ['acc_1', 'acc_2'],
    };
    expect(decodePayload(encodePayload(payload))).toEqual(payload);
    expect(() => encodePayload({ ...payload, change: 'promoted' as 'added' })).toThrow();
    expect(decodePayload(json({ v: 1, t: 'member', id: 'm21', at: 1, ch: 'promoted', acc: [] }))).toMatchObject({
      type: 'unsupported',
    });
    expect(
      decodePayload(json({ v: 1, t: 'member', id: 'm22', at: 1, ch: 'removed', acc: ['no spaces'] })),
    ).toMatchObject({ type: 'unsupported' });
  });
});
