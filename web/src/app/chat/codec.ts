// What travels inside an MLS application message: a small JSON document, versioned, checked
// strictly on the way in so a malformed or hostile message becomes "unsupported", never a crash.
// The server never sees it; only members of the group can decrypt it.

export const TEXT_CHARS_MAX = 4000;
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** A message as its sender wrote it. `id` is the sender's clientMessageId; `sentAt` its clock. */
export type ChatPayload =
  | { type: 'text'; id: string; sentAt: number; text: string }
  | { type: 'unsupported'; id: string; sentAt: number };

export function encodePayload(payload: ChatPayload): Uint8Array {
  if (payload.type !== 'text') throw new Error('only text is sent');
  if (!ID_PATTERN.test(payload.id)) throw new Error('bad message id');
  if (payload.text.length === 0 || payload.text.length > TEXT_CHARS_MAX) throw new Error('bad text length');
  return new TextEncoder().encode(JSON.stringify({ v: 1, t: 'text', id: payload.id, at: payload.sentAt, text: payload.text }));
}

/** Decodes a payload; anything not understood is `unsupported` (or throws when not ours at all). */
export function decodePayload(bytes: Uint8Array): ChatPayload {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('payload is not JSON');
  }
  if (!value || typeof value !== 'object') throw new Error('payload is not an object');
  const record = value as Record<string, unknown>;
  if (record.v !== 1 || typeof record.id !== 'string' || !ID_PATTERN.test(record.id)
    || typeof record.at !== 'number' || !Number.isFinite(record.at)) {
    throw new Error('payload header is malformed');
  }
  const base = { id: record.id, sentAt: record.at };
  if (record.t === 'text' && typeof record.text === 'string' && record.text.length > 0
    && record.text.length <= TEXT_CHARS_MAX) {
    return { type: 'text', ...base, text: record.text };
  }
  return { type: 'unsupported', ...base };
}

/** A new clientMessageId: random, within the server's pattern. */
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'm' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
