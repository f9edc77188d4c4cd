// The sending half of the chat engine: a message is shown at once as "sending", written to the
// outbox in the same transaction, and sent when the connection is ready, oldest first, never
// overtaking within a conversation. A send refused with `epoch_conflict` holds that
// conversation's outbox until the group reaches the epoch the server named.
import { epochOf, toBase64, type GroupState, type MlsSession } from '../../../mls/mls';
import { decryptAttachment, encryptAttachment, type FileRef } from './attachments';
import { encodePayload, newMessageId, type ReplyRef, type SendablePayload } from './codec';
import type { Connection } from './connection';
import type { EngineState } from './engine-state';
import { messageFields, timed, withPreviewOf, type LocalConversation } from './local-conversation';
import { applyReaction, bySequence, mergeMessage, messageKey, type ChatMessage } from './messages';
import { applyChange } from './message-changes';
import type { Outbox, OutboxItem } from './outbox';
import { paymentPreview, type PaymentRef } from '../../wallet';
import { VOICE_MILLIS_MAX, attachmentMimeType, voiceNoteName } from '../voice/voice-note';
import type { Resends } from './resend';

const EPOCH_WAIT_MILLIS = 15_000;

export class Sender {
  private flushing = false;
  /** A flush was asked for while one ran: it runs again when done. */
  private flushAgain = false;
  /**
   * Conversations whose sends the server refused as encrypted on an epoch it left behind, with
   * the epoch it named: their messages wait until this device has processed the commits up to it.
   */
  private readonly behind = new Map<string, { epoch: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly state: EngineState,
    private readonly connection: Connection,
    private readonly outbox: Outbox,
    private readonly resends: Resends,
  ) {
    // The one listener of saved group states: an outbox held for an epoch moves on when it is reached.
    state.onSaved = (conversationId, group) => this.caughtUp(conversationId, group);
  }

  /** The connection's catch-up brought every commit there is: nothing waits any more. */
  connected(): void {
    this.stop();
  }

  stop(): void {
    for (const { timer } of this.behind.values()) clearTimeout(timer);
    this.behind.clear();
  }

  // ---- what the user sends ----

  /** Shows the message at once and queues it; it leaves when the connection is up. */
  async sendText(conversationId: string, text: string, reply?: ReplyRef, mentions?: string[]): Promise<void> {
    const payload = {
      type: 'text' as const,
      id: newMessageId(),
      sentAt: Date.now(),
      text,
      ...(mentions && mentions.length > 0 ? { mentions } : {}),
    };
    await this.queueMessage(conversationId, reply ? { ...payload, reply } : payload);
  }

  /** Replaces the text of one of this account's messages (receivers accept it within the edit window). */
  async editMessage(conversationId: string, targetKey: string, text: string): Promise<void> {
    await this.queueMessage(conversationId, {
      type: 'edit',
      id: newMessageId(),
      sentAt: Date.now(),
      target: targetKey,
      text,
    });
  }

  /** Withdraws one of this account's messages: every member drops its content (within the edit window). */
  async recallMessage(conversationId: string, targetKey: string): Promise<void> {
    const target = (await this.state.messages(conversationId)).find((message) => message.key === targetKey);
    const seq = target?.seq;
    if (seq !== undefined) await this.state.run(() => this.resends.forget(conversationId, seq));
    await this.queueMessage(conversationId, {
      type: 'recall',
      id: newMessageId(),
      sentAt: Date.now(),
      target: targetKey,
    });
  }

  /**
   * Queues the card of a payment the server already made (a transfer or red packet): the card
   * is an E2E message that references the payment by id.
   */
  async sendPayment(conversationId: string, payment: PaymentRef): Promise<void> {
    await this.queueMessage(conversationId, { type: 'payment', id: newMessageId(), sentAt: Date.now(), payment });
  }

  /** Reacts to a message with one emoji ('' withdraws this account's reaction). */
  async react(conversationId: string, targetKey: string, emoji: string): Promise<void> {
    await this.queueMessage(conversationId, {
      type: 'reaction',
      id: newMessageId(),
      sentAt: Date.now(),
      target: targetKey,
      emoji,
    });
  }

  /**
   * Encrypts a file with a fresh key, uploads the ciphertext (this needs the network), then
   * queues a message carrying the attachment's id, key and nonce like any other message.
   */
  async sendFile(
    conversationId: string,
    file: { bytes: Uint8Array; name: string; mime: string; thumbnail?: string },
  ): Promise<void> {
    const encrypted = await encryptAttachment(file.bytes);
    const uploaded = await this.state.options.api.uploadAttachment(encrypted.ciphertext);
    const mime = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/.test(file.mime)
      ? file.mime
      : 'application/octet-stream';
    await this.queueMessage(conversationId, {
      type: 'file',
      id: newMessageId(),
      sentAt: Date.now(),
      file: {
        attachmentId: uploaded.id,
        key: encrypted.key,
        iv: encrypted.iv,
        name: file.name.slice(0, 200) || 'file',
        mime,
        size: file.bytes.length,
      },
      ...(file.thumbnail && mime.startsWith('image/') ? { thumbnail: file.thumbnail } : {}),
    });
  }

  /**
   * A voice note: encrypted and uploaded like any attachment, then sent as a voice message with
   * its length, which the player shows before the audio is fetched.
   */
  async sendVoice(
    conversationId: string,
    voice: { bytes: Uint8Array; mime: string; durationMillis: number },
  ): Promise<void> {
    const encrypted = await encryptAttachment(voice.bytes);
    const uploaded = await this.state.options.api.uploadAttachment(encrypted.ciphertext);
    const durationMillis = Math.min(Math.max(1, Math.round(voice.durationMillis)), VOICE_MILLIS_MAX);
    await this.queueMessage(conversationId, {
      type: 'voice',
      id: newMessageId(),
      sentAt: Date.now(),
      durationMillis,
      file: {
        attachmentId: uploaded.id,
        key: encrypted.key,
        iv: encrypted.iv,
        name: voiceNoteName(durationMillis),
        mime: attachmentMimeType(voice.mime),
        size: voice.bytes.length,
      },
    });
  }

  /**
   * Sends a copy of a text or file message to each of `conversationIds` as a new message marked
   * "forwarded" (a file is not uploaded again: its reference, key included, goes along, so the
   * receivers can fetch and decrypt the same attachment). The original's sender is not named.
   */
  async forward(conversationIds: string[], message: ChatMessage): Promise<void> {
    for (const conversationId of new Set(conversationIds)) {
      const base = { id: newMessageId(), sentAt: Date.now(), forwarded: true as const };
      if (message.kind === 'text' && message.text) {
        await this.queueMessage(conversationId, { type: 'text', ...base, text: message.text });
      } else if (message.kind === 'file' && message.file) {
        await this.queueMessage(conversationId, {
          type: 'file',
          ...base,
          file: message.file,
          ...(message.thumbnail ? { thumbnail: message.thumbnail } : {}),
        });
      } else {
        throw new Error('only texts and files are forwarded');
      }
    }
  }

  /** Downloads and decrypts an attachment a message refers to. */
  async openAttachment(file: FileRef): Promise<Blob> {
    const ciphertext = new Uint8Array(
      await (await this.state.options.api.downloadAttachment(file.attachmentId)).arrayBuffer(),
    );
    return new Blob([(await decryptAttachment(ciphertext, file)) as Uint8Array<ArrayBuffer>], { type: file.mime });
  }

  async queueMessage(conversationId: string, payload: SendablePayload): Promise<void> {
    encodePayload(payload); // refuses empty or oversized text before anything is stored
    const item: OutboxItem = { clientMessageId: payload.id, conversationId, payload, queuedAt: Date.now() };
    if (payload.type === 'reaction' || payload.type === 'edit' || payload.type === 'recall') {
      await this.state.run(() => this.queueChange(item, payload));
    } else {
      await this.state.run(() => this.queueShown(item, payload));
    }
    this.state.emit();
    void this.flush();
  }

  /** A reaction, edit or recall: applied to the shown message at once, queued with the message as it was. */
  private async queueChange(
    item: OutboxItem,
    payload: Extract<SendablePayload, { type: 'reaction' | 'edit' | 'recall' }>,
  ): Promise<void> {
    const { conversationId } = item;
    const { accountId, db } = this.state.options;
    const before = await this.state.messages(conversationId);
    const target = payload.type === 'reaction' ? undefined : before.find((message) => message.key === payload.target);
    const entries = await this.outbox.entriesAdding(target ? { ...item, before: target } : item);
    const list =
      payload.type === 'reaction'
        ? applyReaction(before, payload.target, accountId, payload.emoji)
        : applyChange(before, {
            type: payload.type,
            target: payload.target,
            accountId,
            text: payload.type === 'edit' ? payload.text : undefined,
            sentAt: payload.sentAt,
          });
    const local = await this.state.conversation(conversationId);
    const updated = payload.type === 'reaction' ? local : withPreviewOf(local, list, payload.target);
    await db.setMany([...entries, [`msgs:${conversationId}`, list], [`conv:${conversationId}`, updated]]);
    this.state.cacheMessages(conversationId, list);
    this.state.cacheConversation(conversationId, updated);
  }

  /** A message of its own: shown as "sending" and queued. */
  private async queueShown(
    item: OutboxItem,
    payload: Exclude<SendablePayload, { type: 'reaction' | 'edit' | 'recall' }>,
  ): Promise<void> {
    const { conversationId } = item;
    const { accountId, deviceId, db } = this.state.options;
    const text =
      payload.type === 'text'
        ? payload.text
        : payload.type === 'rename' || payload.type === 'member'
          ? ''
          : payload.type === 'payment'
            ? paymentPreview(payload.payment)
            : payload.file.name;
    const message: ChatMessage = {
      ...messageFields(payload),
      key: messageKey(deviceId, payload.id),
      conversationId,
      senderAccountId: accountId,
      senderDeviceId: deviceId,
      status: 'pending',
    };
    const entries = await this.outbox.entriesAdding(item);
    const list = mergeMessage(await this.state.messages(conversationId), message).list;
    const local = await this.state.conversation(conversationId);
    const updated =
      payload.type === 'rename' || payload.type === 'member'
        ? local
        : { ...local, lastMessage: { text, sentAt: payload.sentAt, senderAccountId: accountId, key: message.key } };
    await db.setMany([...entries, [`msgs:${conversationId}`, list], [`conv:${conversationId}`, updated]]);
    this.state.cacheMessages(conversationId, list);
    this.state.cacheConversation(conversationId, updated);
  }

  // ---- the outbox ----

  /** Sends queued messages in order while the connection is ready; stops at the first failure. */
  async flush(): Promise<void> {
    if (!this.state.ready) return;
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    this.flushAgain = false;
    const failed = new Set<string>();
    try {
      for (const item of await this.outbox.list()) await this.state.conversation(item.conversationId);
      for (let sent = 0; sent < 10_000 && this.state.ready; sent++) {
        const item = await this.outbox.next((id) => this.state.hasGroup(id) && !this.behind.has(id), failed);
        if (!item) break;
        const frame = await this.state.run(() => this.encrypt(item));
        if (!frame) break;
        if (frame === 'unsendable') {
          await this.state.run(() => this.settle(item, 'failed'));
          failed.add(item.clientMessageId);
          this.state.emit();
          continue;
        }
        const answer = await this.connection.request(frame);
        if (answer.ok) {
          await this.state.run(() => this.settle(item, 'sent', Number(answer.frame.seq)));
        } else if (answer.code === 'epoch_conflict') {
          // A commit came first and this device has not processed it yet: its envelope is on the
          // way. The message is encrypted again once this device is at that epoch, so every
          // member (also one the commit just added) can read it.
          this.waitUntilCaughtUp(item.conversationId, Number(answer.frame?.currentEpoch ?? frame.epoch + 1));
        } else if (answer.status >= 400 && answer.status < 500 && answer.status !== 409 && answer.status !== 429) {
          await this.state.run(() => this.settle(item, 'failed'));
          failed.add(item.clientMessageId);
        } else {
          break; // offline, timeout, overload: the next `ready` tries again
        }
        this.state.emit();
      }
    } finally {
      this.flushing = false;
    }
    if (this.flushAgain) void this.flush();
  }

  /** The `send` frame of an outbox item, encrypted on the current state (run on the queue). */
  private async encrypt(item: OutboxItem) {
    const group = await this.state.group(item.conversationId);
    if (!group) return undefined;
    const local = await this.state.conversation(item.conversationId);
    // Removed from the group: the message can no longer reach anyone (it is marked as not sent).
    if (local.removed) return 'unsendable' as const;
    let encrypted: Awaited<ReturnType<MlsSession['encrypt']>>;
    try {
      encrypted = await timed('atrium-mls-encrypt', () => this.state.mls.encrypt(group, encodePayload(item.payload)));
    } catch (error) {
      console.warn('message not encrypted', String(error));
      return 'unsendable' as const;
    }
    // The advanced state is saved before the ciphertext leaves, so no key is used twice.
    await this.state.saveGroup(item.conversationId, encrypted.group, local);
    return {
      type: 'send',
      conversationId: item.conversationId,
      clientMessageId: item.clientMessageId,
      kind: 'application',
      epoch: epochOf(group),
      ciphertext: toBase64(encrypted.ciphertext),
    };
  }

  /**
   * Holds the conversation's outbox until its group reaches `epoch` (checked whenever a group
   * state is saved), or for EPOCH_WAIT_MILLIS at most, after which the server is asked again.
   */
  private waitUntilCaughtUp(conversationId: string, epoch: number): void {
    clearTimeout(this.behind.get(conversationId)?.timer);
    const timer = setTimeout(() => {
      if (this.behind.get(conversationId)?.timer !== timer) return;
      this.behind.delete(conversationId);
      void this.flush();
    }, EPOCH_WAIT_MILLIS);
    this.behind.set(conversationId, { epoch, timer });
    const group = this.state.cachedGroup(conversationId);
    if (group) this.caughtUp(conversationId, group);
  }

  /**
   * A conversation waiting for an epoch reached it, or this device was removed from it (its
   * messages will be marked as not sent): either way its outbox moves on.
   */
  private caughtUp(conversationId: string, group: GroupState | undefined): void {
    const waiting = this.behind.get(conversationId);
    if (!waiting) return;
    if (!this.state.cachedConversation(conversationId)?.removed && (!group || epochOf(group) < waiting.epoch)) return;
    clearTimeout(waiting.timer);
    this.behind.delete(conversationId);
    void this.flush();
  }

  private async settle(item: OutboxItem, status: 'sent' | 'failed', seq?: number): Promise<void> {
    const key = messageKey(this.state.options.deviceId, item.payload.id);
    let list = bySequence(
      (await this.state.messages(item.conversationId)).map((message) =>
        message.key === key ? { ...message, status, seq: seq ?? message.seq } : message,
      ),
    );
    let local: LocalConversation | undefined;
    if (status === 'failed' && item.before && (item.payload.type === 'edit' || item.payload.type === 'recall')) {
      // The change never left: the message is shown as it was (as everyone else still sees it).
      const before = item.before;
      list = list.map((message) =>
        message.key === before.key
          ? { ...before, status: message.status, seq: message.seq, reactions: message.reactions }
          : message,
      );
      const conversation = await this.state.conversation(item.conversationId);
      local = withPreviewOf(conversation, list, before.key);
    }
    const remaining = (await this.outbox.list()).filter((queued) => queued.clientMessageId !== item.clientMessageId);
    // What was sent is kept (bounded) so a member that could not decrypt it can ask for it again.
    const logged =
      status === 'sent' && seq !== undefined
        ? await this.resends.sentEntries(item.conversationId, seq, encodePayload(item.payload), item.payload.sentAt)
        : [];
    await this.state.options.db.setMany([
      ['outbox', remaining],
      [`msgs:${item.conversationId}`, list],
      ...logged,
      ...(local ? [[`conv:${item.conversationId}`, local] as [string, unknown]] : []),
    ]);
    this.state.cacheMessages(item.conversationId, list);
    if (local) this.state.cacheConversation(item.conversationId, local);
  }

  /** Encrypts a control payload for the group (resend.ts) and sends it; true once the server accepted it. */
  async sendControl(conversationId: string, payload: Uint8Array): Promise<boolean> {
    if (!this.state.ready) return false;
    const frame = await this.state.run(async () => {
      const group = await this.state.group(conversationId);
      const local = await this.state.conversation(conversationId);
      if (!group || local.removed) return undefined;
      const encrypted = await this.state.mls.encrypt(group, payload);
      await this.state.saveGroup(conversationId, encrypted.group, local);
      return {
        type: 'send',
        conversationId,
        clientMessageId: newMessageId(),
        kind: 'application',
        epoch: epochOf(group),
        ciphertext: toBase64(encrypted.ciphertext),
      };
    });
    if (!frame) return false;
    return (await this.connection.request(frame)).ok;
  }
}
