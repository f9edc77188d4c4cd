// How much chat history this device holds (conversations with messages, and messages), for the
// warning before logging out: logging out deletes the device's chat database, and the history in
// it exists nowhere else (the server keeps only ciphertext, and only for a while).
import type { LocalDb } from '../../../store/local-db';
import type { ChatMessage } from '../engine/messages';
import { deviceDb } from '../trust/device-db';

export interface HistoryCounts {
  chats: number;
  messages: number;
}

/** Counts the messages in `msgs:<conversation>` entries (system lines and placeholders excluded). */
export async function countHistory(db: LocalDb): Promise<HistoryCounts> {
  let chats = 0;
  let messages = 0;
  for (const key of await db.keys('msgs:')) {
    const shown = ((await db.get<ChatMessage[]>(key)) ?? []).filter(
      (message) => message.kind !== 'system' && message.kind !== 'undecryptable' && !message.recalled,
    ).length;
    if (shown > 0) {
      chats++;
      messages += shown;
    }
  }
  return { chats, messages };
}

/** The counts of this browser's chat database for `deviceId`. */
export function deviceHistoryCounts(deviceId: string): Promise<HistoryCounts> {
  return countHistory(deviceDb(deviceId));
}
