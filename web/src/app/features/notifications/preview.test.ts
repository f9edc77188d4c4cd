import { describe, expect, it } from 'vitest';
import { translator } from '../../catalogue';
import { notificationBody, PREVIEW_CHARS_MAX, truncate, withSender } from './preview';

const t = translator('en');
const file = (mime: string, name = 'x') => ({ attachmentId: 'a', key: 'k', iv: 'i', name, mime, size: 1 });

describe('notification preview', () => {
  it('shows a text as it is, on one line', () => {
    expect(notificationBody({ kind: 'text', text: 'Hello\n  there' }, t)).toBe('Hello there');
  });

  it('shortens a long text with an ellipsis, never cutting an emoji', () => {
    const long = `${'a'.repeat(PREVIEW_CHARS_MAX - 2)}😀😀😀`;
    const body = truncate(long);
    expect(Array.from(body)).toHaveLength(PREVIEW_CHARS_MAX);
    expect(body.endsWith('😀…')).toBe(true);
  });

  it('names what a message is when it is not text', () => {
    expect(notificationBody({ kind: 'file', file: file('image/jpeg') }, t)).toBe('Photo');
    expect(notificationBody({ kind: 'file', file: file('audio/ogg') }, t)).toBe('Voice message');
    expect(notificationBody({ kind: 'file', file: file('application/pdf', 'plan.pdf') }, t)).toBe('plan.pdf');
    expect(notificationBody({ kind: 'payment' }, t)).toBe('Payment');
    expect(notificationBody({ kind: 'undecryptable' }, t)).toBe('New message');
  });

  it('is in the UI language', () => {
    expect(notificationBody({ kind: 'file', file: file('image/png') }, translator('de'))).toBe('Foto');
  });

  it('in a group, says who wrote', () => {
    expect(withSender('Hi', 'Ann')).toBe('Ann: Hi');
  });
});
