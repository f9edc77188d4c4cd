// The chat engine of one device: turns WebSocket frames into group states and messages, and
// the user's actions into MLS messages for the server. Everything that reads or changes a
// group's MLS state runs on one serial queue, so states never fork; network waits happen
// outside it. What it keeps lives in the device's LocalDb:
//   conv:<id>     group state (encoded), last processed sequence number, unread count, the
//                 epoch joined at, others' read marks, the newest message for the list
//   msgs:<id>     the conversation's messages (bounded)
//   commit:<id>   this device's commit sent but not yet confirmed, with the state it leads to
//   outbox        messages composed but not yet accepted by the server
import type { AtriumApi } from '../api/atrium';
import type { ConversationDetails } from '../api/types';
import { ApiError } from '../api/client';
import type { Keyring } from '../mls/keyring';
import {
  epochOf,
  fromBase64,
  members,
  messageEpoch,
  toBase64,
  type GroupState,
  type MlsSession,
} from '../mls/mls';
import { decryptAttachment, encryptAttachment, type FileRef } from './attachments';
import { DeviceSync, type DeviceSyncOptions } from './device-sync';
import { decodeResendControl, Resends } from './resend';
import { decodePayload, encodePayload, newMessageId, type MemberChange, type ReplyRef, type SendablePayload } from './codec';
import { Connection, type ConnectionStatus, type SendAnswer, type ServerFrame, type SocketLike } from './connection';
import type { LocalDb } from './local-db';
import { applyReaction, bySequence, mergeMessage, messageKey, unseenEnvelopes, type ChatMessage } from './messages';
import { applyChange, applyHeld, applyOrHold, mentionsMe, previewOf, type MessageChange, type PendingChange } from './message-changes';
import { Outbox, type OutboxItem } from './outbox';
import { paymentPreview, type PaymentRef } from './payment-message';

export interface LocalConversation {
  state?: Uint8Array;
  lastSeq: number;
  unread: number;
  removed?: boolean;
  /** This account left the group itself (so a commit taking its leaves out is no removal by someone). */
  left?: boolean;
  /** Set when a Welcome could not be used (e.g. a credential did not check out). */
  joinFailed?: boolean;
  lastMessage?: { text: string; sentAt: number; senderAccountId: string; key?: string; recalled?: boolean };
  /** The MLS epoch this device joined at (by its latest Welcome); older messages were not for it. */
  joinedEpoch?: number;
  /** How far other accounts have read (their read marks, when they share them). */
  readUpTo?: Record<string, number>;
  /** How far other accounts have received it (at least one of their devices; from `delivered` frames). */
  deliveredUpTo?: Record<string, number>;
  /** An unread message mentions this account. */
  mentioned?: boolean;
  /**
   * This device lost its place in the group: a commit it could not process, a Welcome it could
   * not use. It has asked the members to add it again (at `rejoinAskedAt`); a Welcome ends it.
   */
  lost?: boolean;
  rejoinAskedAt?: number;
  /**
   * The server's details of the conversation as last seen while a member (name, members and
   * their names), so a removed member still sees whose chat it was: the server no longer shows it.
   */
  about?: ConversationDetails;
  /** Display names of everyone seen as a member (former members too), so lines about them keep their names. */
  names?: Record<string, string>;
}

/** Accounts whose trust records a conversation screen checks, at most. */
const KEY_WARNINGS_ACCOUNTS_MAX = 100;
/** Read marks remembered per conversation, at most (the newest win). */
const READ_MARKS_MAX = 1000;
/** A device that lost its group state asks to be added again at most this often. */
const REJOIN_ASK_EVERY_MILLIS = 60_000;
/** Rejoin requests of one conversation answered in one go, at most (each is a commit). */
const REJOINS_AT_ONCE_MAX = 8;

interface PendingCommit {
  clientMessageId: string;
  epoch: number;
  state: Uint8Array;
}

export interface WireEnvelope {
  seq: number;
  senderAccountId: string;
  senderDeviceId: string;
  kind: string;
  epoch: number;
  ciphertext: string;
  createdAt: number;
}

export interface EngineOptions {
  db: LocalDb;
  api: Pick<AtriumApi, 'getConversation' | 'createDirectConversation' | 'createGroupConversation' | 'leaveConversation'
    | 'uploadAttachment' | 'downloadAttachment' | 'renameConversation' | 'requestRejoin'>
    & Partial<Pick<AtriumApi, 'getConversationMarks'>>;
  keyring: Keyring;
  accountId: string;
  deviceId: string;
  socketUrl: () => string;
  createSocket?: (url: string) => SocketLike;
  onTerminal?: (code: number) => void;
  /** Timing of adding members' new devices (tests shorten it). */
  deviceSync?: DeviceSyncOptions;
}

/** Envelopes held back per conversation while its Welcome has not arrived yet. */
const STASHED_ENVELOPES_MAX = 2000;
const COMMIT_ATTEMPTS_MAX = 4;
/** Groups up to this many members check for members' devices missing from the MLS group. */
const DEVICE_CHECK_MEMBERS_MAX = 50;
/** The background check after connecting reuses directory answers this young (one per account). */
const DEVICE_CHECK_DIRECTORY_MAX_AGE_MILLIS = 120_000;
const EPOCH_WAIT_MILLIS = 15_000;
/** After a commit or Welcome could not be processed for a passing reason: first retry, and the most between retries. */
const STALL_RETRY_MILLIS = 2_000;
const STALL_RETRY_MILLIS_MAX = 60_000;
const TYPING_SHOWN_MILLIS = 5_000;
const TYPING_SENT_EVERY_MILLIS = 2_500;
/** Members' names kept per conversation, at most (the newest win). */
const NAMES_KEPT_MAX = 1000;
/** Conversations looked at for the list of former ones, at most. */
const FORMER_LISTED_MAX = 1000;
/** Leaving waits this long, at most, for the server to take the "left" announcement. */
const LEAVE_ANNOUNCE_WAIT_MILLIS = 5_000;

export class ChatEngine {
  readonly outbox: Outbox;
  readonly deviceSync: DeviceSync;
  readonly resends: Resends;
  private readonly connection: Connection;
  private readonly groups = new Map<string, GroupState>();
  private readonly conversations = new Map<string, LocalConversation>();
  private readonly messageCache = new Map<string, ChatMessage[]>();
  private readonly stashed = new Map<string, WireEnvelope[]>();
  /** Edits and recalls that came before their message, per conversation (stored as `changes:<id>`). */
  private readonly heldChanges = new Map<string, PendingChange[]>();
  private readonly typing = new Map<string, Map<string, number>>();
  private readonly listeners = new Set<() => void>();
  private readonly lastTypingSent = new Map<string, number>();
  /** Read marks waiting for the connection's catch-up (the server refuses marks past what it delivered). */
  private readonly pendingReads = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private flushing = false;
  /** A flush was asked for while one ran: it runs again when done. */
  private flushAgain = false;
  /**
   * Conversations whose sends the server refused as encrypted on an epoch it left behind, with
   * the epoch it named: their messages wait until this device has processed the commits up to it.
   */
  private readonly behind = new Map<string, { epoch: number; timer: ReturnType<typeof setTimeout> }>();
  /**
   * Conversations whose next envelope or Welcome could not be processed for a passing reason (the
   * key directory was unreachable while checking a credential): nothing after it is processed
   * until the server sends it all again from this device's cursor, on the next connection.
   */
  private readonly stalled = new Set<string>();
  /** Per conversation, the end of this device's queue of commits (one in flight at a time). */
  private readonly commitsInFlight = new Map<string, Promise<unknown>>();
  private stallRetries = 0;
  private stallTimer?: ReturnType<typeof setTimeout>;
  private ready = false;
  private openConversationId?: string;
  private mlsSession?: MlsSession;
  /** Settles once the first key-package top-up after start finished (or failed). */
  keysReady: Promise<void> = Promise.resolve();
  /** Grows whenever this device joins or leaves a conversation, so lists know to reload. */
  listVersion = 0;

  constructor(private readonly options: EngineOptions) {
    this.outbox = new Outbox(options.db);
    this.deviceSync = new DeviceSync({
      deviceId: options.deviceId,
      leafDevices: async (id) => { const group = await this.group(id); return group && members(group).map((leaf) => leaf.deviceId); },
      addDevicesOf: (id, accountId) => this.addDevicesOf(id, accountId),
      removeGoneLeaves: (id) => this.removeGoneLeaves(id),
      addMissingDevices: (id) => this.addMissingDevices(id, DEVICE_CHECK_DIRECTORY_MAX_AGE_MILLIS),
      readdLostDevices: (id, deviceIds) => this.readdLostDevices(id, deviceIds),
      conversationIds: () => this.groupConversationIds(),
    }, options.deviceSync);
    this.resends = new Resends({
      deviceId: options.deviceId,
      db: options.db,
      sendControl: (id, payload) => this.sendControl(id, payload),
      markUnavailable: (id, seqs) => this.markUnavailable(id, seqs),
      newId: newMessageId,
    });
    this.connection = new Connection({
      url: options.socketUrl,
      createSocket: options.createSocket,
      onFrame: (frame) => this.onFrame(frame),
      onStatus: (status) => {
        if (status !== 'online') this.ready = false;
        // A new socket: its catch-up re-delivers what stalled conversations did not process.
        // Queued behind the old socket's frames, which stalled conversations still ignore.
        if (status === 'connecting' && this.stalled.size > 0) void this.run(async () => this.stalled.clear());
        this.emit();
      },
      onTerminal: options.onTerminal,
    });
  }

  // ---- lifecycle and observation ----

  async start(): Promise<void> {
    this.mlsSession = await this.options.keyring.start();
    this.keysReady = this.options.keyring.replenish().then(() => undefined, () => undefined);
    this.connection.start();
  }

  stop(): void {
    clearTimeout(this.stallTimer);
    for (const { timer } of this.behind.values()) clearTimeout(timer);
    this.behind.clear();
    this.deviceSync.stop();
    this.resends.stop();
    this.connection.stop();
  }

  reconnectNow(): void {
    this.connection.reconnectNow();
  }

  get status(): ConnectionStatus {
    return this.connection.status;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private get mls(): MlsSession {
    if (!this.mlsSession) throw new Error('engine not started');
    return this.mlsSession;
  }

  /** Runs `task` after every earlier task: the one place MLS state changes. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  // ---- what the screens read ----

  async conversation(conversationId: string): Promise<LocalConversation> {
    const cached = this.conversations.get(conversationId);
    if (cached) return cached;
    const stored = (await this.options.db.get<LocalConversation>(`conv:${conversationId}`)) ?? { lastSeq: 0, unread: 0 };
    this.conversations.set(conversationId, stored);
    return stored;
  }

  async messages(conversationId: string): Promise<ChatMessage[]> {
    const cached = this.messageCache.get(conversationId);
    if (cached) return cached;
    const stored = (await this.options.db.get<ChatMessage[]>(`msgs:${conversationId}`)) ?? [];
    this.messageCache.set(conversationId, stored);
    return stored;
  }

  hasGroup(conversationId: string): boolean {
    return this.groups.has(conversationId) || this.conversations.get(conversationId)?.state !== undefined;
  }

  /** Accounts typing in the conversation right now (their indicator lasts a few seconds). */
  typingAccounts(conversationId: string): string[] {
    const now = Date.now();
    const byAccount = this.typing.get(conversationId);
    if (!byAccount) return [];
    return [...byAccount.entries()].filter(([, until]) => until > now).map(([accountId]) => accountId);
  }

  /** The accounts whose devices are leaves of the group, from the verified credentials. */
  async memberAccounts(conversationId: string): Promise<string[]> {
    const group = await this.group(conversationId);
    return group ? [...new Set(members(group).map((leaf) => leaf.accountId))] : [];
  }

  /** Members of the conversation whose keys changed since this device first saw them. */
  async keyWarnings(conversationId: string): Promise<string[]> {
    // Looked at on every change while a chat is open: large groups check their first members only.
    const accounts = (await this.memberAccounts(conversationId)).filter((id) => id !== this.options.accountId)
      .slice(0, KEY_WARNINGS_ACCOUNTS_MAX);
    const flagged = await Promise.all(accounts.map(async (accountId) =>
      ((await this.options.keyring.trust(accountId))?.changedAt ? accountId : undefined)));
    return flagged.filter((accountId): accountId is string => accountId !== undefined);
  }

  async acceptKeys(accountId: string): Promise<void> {
    await this.options.keyring.acceptKeys(accountId);
    this.emit();
  }

  // ---- user actions ----

  /** The conversation is on screen: its messages are read. */
  async setOpenConversation(conversationId: string | undefined): Promise<void> {
    this.openConversationId = conversationId;
    if (conversationId) {
      await this.markRead(conversationId);
      await this.refreshMarks(conversationId);
    }
  }

  /**
   * Asks the server how far the other members received (their devices' cursors) and read (when
   * they share it) the conversation, and keeps the higher of that and the live marks: `delivered`
   * and `read` frames are live only, so a device that was offline missed them.
   */
  async refreshMarks(conversationId: string): Promise<void> {
    const fetch = this.options.api.getConversationMarks;
    if (!fetch) return;
    let answer: Awaited<ReturnType<typeof fetch>>;
    try {
      answer = await fetch.call(this.options.api, conversationId);
    } catch (error) {
      console.warn('marks not fetched', String(error)); // offline: the live frames and next open catch up
      return;
    }
    const marks = Array.isArray(answer?.marks) ? answer.marks.slice(0, READ_MARKS_MAX) : [];
    await this.run(async () => {
      const local = await this.conversation(conversationId);
      const delivered = { ...local.deliveredUpTo };
      const read = { ...local.readUpTo };
      let changed = false;
      for (const mark of marks) {
        if (typeof mark?.accountId !== 'string' || mark.accountId === this.options.accountId) continue;
        if (Number.isSafeInteger(mark.deliveredSeq) && mark.deliveredSeq > (delivered[mark.accountId] ?? 0)) {
          delivered[mark.accountId] = mark.deliveredSeq;
          changed = true;
        }
        if (mark.readSeq !== undefined && Number.isSafeInteger(mark.readSeq) && mark.readSeq > (read[mark.accountId] ?? 0)) {
          read[mark.accountId] = mark.readSeq;
          changed = true;
        }
      }
      if (!changed) return;
      const newest = (marksOf: Record<string, number>) =>
        Object.fromEntries(Object.entries(marksOf).sort((a, b) => b[1] - a[1]).slice(0, READ_MARKS_MAX));
      await this.saveConversation(conversationId, { ...local, deliveredUpTo: newest(delivered), readUpTo: newest(read) });
    });
    this.emit();
  }

  async markRead(conversationId: string): Promise<void> {
    await this.run(async () => {
      const local = await this.conversation(conversationId);
      if (local.unread === 0 && !local.mentioned) return;
      await this.saveConversation(conversationId, { ...local, unread: 0, mentioned: false });
      // A device that cannot read the chat marks nothing read: others would count it as a reader.
      if (!canRead(local)) return;
      // Before `ready` the server has not yet re-delivered what this device processed on its last
      // connection (its cursor may lag): a mark sent now would be refused. `ready` sends it.
      if (this.ready) this.connection.send({ type: 'read', conversationId, seq: local.lastSeq });
      else this.pendingReads.add(conversationId);
    });
    this.emit();
  }

  notifyTyping(conversationId: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(conversationId) ?? 0) < TYPING_SENT_EVERY_MILLIS) return;
    this.lastTypingSent.set(conversationId, now);
    this.connection.send({ type: 'typing', conversationId });
  }

  /** Shows the message at once and queues it; it leaves when the connection is up. */
  async sendText(conversationId: string, text: string, reply?: ReplyRef, mentions?: string[]): Promise<void> {
    const payload = { type: 'text' as const, id: newMessageId(), sentAt: Date.now(), text,
      ...(mentions && mentions.length > 0 ? { mentions } : {}) };
    await this.queueMessage(conversationId, reply ? { ...payload, reply } : payload);
  }

  /** Replaces the text of one of this account's messages (receivers accept it within the edit window). */
  async editMessage(conversationId: string, targetKey: string, text: string): Promise<void> {
    await this.queueMessage(conversationId, { type: 'edit', id: newMessageId(), sentAt: Date.now(), target: targetKey, text });
  }

  /** Withdraws one of this account's messages: every member drops its content (within the edit window). */
  async recallMessage(conversationId: string, targetKey: string): Promise<void> {
    const target = (await this.messages(conversationId)).find((message) => message.key === targetKey);
    const seq = target?.seq;
    if (seq !== undefined) await this.run(() => this.resends.forget(conversationId, seq));
    await this.queueMessage(conversationId, { type: 'recall', id: newMessageId(), sentAt: Date.now(), target: targetKey });
  }

  /**
   * Renames a group: the server keeps the name (admins only, as when the group was made), and an
   * E2E message tells every member at once, who shows "X renamed the group to Y".
   */
  async renameGroup(conversationId: string, name: string): Promise<void> {
    await this.options.api.renameConversation(conversationId, name);
    await this.queueMessage(conversationId, { type: 'rename', id: newMessageId(), sentAt: Date.now(), name });
    this.listVersion++;
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
    await this.queueMessage(conversationId, { type: 'reaction', id: newMessageId(), sentAt: Date.now(), target: targetKey, emoji });
  }

  /**
   * Encrypts a file with a fresh key, uploads the ciphertext (this needs the network), then
   * queues a message carrying the attachment's id, key and nonce like any other message.
   */
  async sendFile(conversationId: string, file: { bytes: Uint8Array; name: string; mime: string; thumbnail?: string }):
  Promise<void> {
    const encrypted = await encryptAttachment(file.bytes);
    const uploaded = await this.options.api.uploadAttachment(encrypted.ciphertext);
    const mime = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/.test(file.mime) ? file.mime : 'application/octet-stream';
    await this.queueMessage(conversationId, { type: 'file', id: newMessageId(), sentAt: Date.now(), file: {
      attachmentId: uploaded.id, key: encrypted.key, iv: encrypted.iv, name: file.name.slice(0, 200) || 'file', mime,
      size: file.bytes.length }, ...(file.thumbnail && mime.startsWith('image/') ? { thumbnail: file.thumbnail } : {}) });
  }

  /** Downloads and decrypts an attachment a message refers to. */
  async openAttachment(file: FileRef): Promise<Blob> {
    const ciphertext = new Uint8Array(await (await this.options.api.downloadAttachment(file.attachmentId)).arrayBuffer());
    return new Blob([await decryptAttachment(ciphertext, file) as Uint8Array<ArrayBuffer>], { type: file.mime });
  }

  private async queueMessage(conversationId: string, payload: SendablePayload): Promise<void> {
    encodePayload(payload); // refuses empty or oversized text before anything is stored
    const id = payload.id;
    const item: OutboxItem = { clientMessageId: id, conversationId, payload, queuedAt: Date.now() };
    if (payload.type === 'reaction' || payload.type === 'edit' || payload.type === 'recall') {
      await this.run(async () => {
        const before = await this.messages(conversationId);
        const target = payload.type === 'reaction' ? undefined : before.find((message) => message.key === payload.target);
        const entries = await this.outbox.entriesAdding(target ? { ...item, before: target } : item);
        const list = payload.type === 'reaction'
          ? applyReaction(before, payload.target, this.options.accountId, payload.emoji)
          : applyChange(before, { type: payload.type, target: payload.target, accountId: this.options.accountId,
            text: payload.type === 'edit' ? payload.text : undefined, sentAt: payload.sentAt });
        const local = await this.conversation(conversationId);
        const updated = payload.type === 'reaction' ? local : withPreviewOf(local, list, payload.target);
        await this.options.db.setMany([...entries, [`msgs:${conversationId}`, list], [`conv:${conversationId}`, updated]]);
        this.messageCache.set(conversationId, list);
        this.conversations.set(conversationId, updated);
      });
      this.emit();
      void this.flush();
      return;
    }
    const text = payload.type === 'text' ? payload.text : payload.type === 'rename' || payload.type === 'member' ? ''
      : payload.type === 'payment' ? paymentPreview(payload.payment) : payload.file.name;
    const message: ChatMessage = {
      ...messageFields(payload), key: messageKey(this.options.deviceId, id), conversationId,
      senderAccountId: this.options.accountId, senderDeviceId: this.options.deviceId, status: 'pending',
    };
    await this.run(async () => {
      const entries = await this.outbox.entriesAdding(item);
      const list = mergeMessage(await this.messages(conversationId), message).list;
      const local = await this.conversation(conversationId);
      const updated = payload.type === 'rename' || payload.type === 'member' ? local
        : { ...local, lastMessage: { text, sentAt: payload.sentAt, senderAccountId: this.options.accountId, key: message.key } };
      await this.options.db.setMany([...entries, [`msgs:${conversationId}`, list], [`conv:${conversationId}`, updated]]);
      this.messageCache.set(conversationId, list);
      this.conversations.set(conversationId, updated);
    });
    this.emit();
    void this.flush();
  }

  /** Opens (or makes) the direct conversation with a contact and sets up its MLS group. */
  async openDirect(peerAccountId: string): Promise<string> {
    const conversation = await this.options.api.createDirectConversation(peerAccountId);
    await this.ensureGroup(conversation.id, []);
    return conversation.id;
  }

  /**
   * Keeps the server's details of a conversation this account is a member of, for when it no
   * longer is (the server then answers 404): a removed member still sees the group's name and
   * who said what.
   */
  async rememberDetails(conversationId: string, details: ConversationDetails): Promise<void> {
    await this.run(async () => {
      const local = await this.conversation(conversationId);
      const seen = details.members.filter((member) => member.displayName)
        .map((member) => [member.accountId, member.displayName!] as const);
      const names = Object.fromEntries([...Object.entries(local.names ?? {}), ...seen].slice(-NAMES_KEPT_MAX));
      if (JSON.stringify(local.about) === JSON.stringify(details) && JSON.stringify(local.names) === JSON.stringify(names)) return;
      await this.saveConversation(conversationId, { ...local, about: details, names });
    });
  }

  /**
   * Conversations this account is no longer in (removed, or it left) whose details it kept:
   * the server lists them no more, but their history stays readable here.
   */
  async formerConversations(): Promise<ConversationDetails[]> {
    const ids = (await this.options.db.keys('conv:')).map((key) => key.slice('conv:'.length)).slice(0, FORMER_LISTED_MAX);
    const kept: ConversationDetails[] = [];
    for (const id of ids) {
      const local = await this.conversation(id);
      if (local.removed && local.about) kept.push(local.about);
    }
    return kept;
  }

  /** Makes a group with these first members, and tells them (encrypted) who created it. */
  async createGroup(name: string, accountIds: string[]): Promise<string> {
    const conversation = await this.options.api.createGroupConversation(name);
    await this.ensureGroup(conversation.id, accountIds);
    await this.announce(conversation.id, 'created', accountIds);
    return conversation.id;
  }

  /** Adds accounts (all their devices) to a group by one commit, then tells the group who added whom. */
  async addMembers(conversationId: string, accountIds: string[]): Promise<void> {
    await this.addAccounts(conversationId, accountIds);
    await this.announce(conversationId, 'added', accountIds);
  }

  /**
   * A membership change, as an encrypted message from its author: sent after the commit (so
   * the members it added can read it), or before leaving. The server learns nothing new.
   */
  private async announce(conversationId: string, change: MemberChange, accountIds: string[]): Promise<string> {
    const id = newMessageId();
    await this.queueMessage(conversationId, { type: 'member', id, sentAt: Date.now(), change, accountIds });
    return id;
  }

  private async addAccounts(conversationId: string, accountIds: string[]): Promise<void> {
    const claimed = (await Promise.all(accountIds.map((accountId) => this.options.keyring.claim(accountId)))).flat();
    await this.commitChange(conversationId, async (group, roster) => {
      const gone = goneLeaves(group, roster, this.options.deviceId);
      const result = await this.mls.addMembers(group, claimed, gone);
      return { result, fields: {
        membership: { addAccountIds: accountIds, removeAccountIds: [] },
        ...(gone.length > 0 ? { removeDeviceIds: gone } : {}),
        ...(result.welcome && claimed.length > 0
          ? { welcome: { ciphertext: toBase64(result.welcome), deviceIds: claimed.map((kp) => kp.deviceId) } }
          : {}),
      } };
    }, { withRoster: true });
  }

  /** Removes an account's devices from a group by one commit; the server drops the member with it. */
  async removeMember(conversationId: string, accountId: string): Promise<void> {
    await this.commitChange(conversationId, async (group) => {
      const deviceIds = members(group).filter((leaf) => leaf.accountId === accountId).map((leaf) => leaf.deviceId);
      const result = await this.mls.removeDevices(group, deviceIds);
      return { result, fields: { membership: { addAccountIds: [], removeAccountIds: [accountId] }, removeDeviceIds: deviceIds } };
    });
    await this.announce(conversationId, 'removed', [accountId]);
  }

  /**
   * Leaves the group (the server drops this account at once) and forgets nothing locally. The
   * members are told first, by an encrypted "left" message (waited for a few seconds at most:
   * after leaving, the server would refuse it).
   */
  async leave(conversationId: string): Promise<void> {
    if (await this.group(conversationId)) {
      const id = await this.announce(conversationId, 'left', []);
      const deadline = Date.now() + LEAVE_ANNOUNCE_WAIT_MILLIS;
      while (Date.now() < deadline && (await this.outbox.list()).some((item) => item.clientMessageId === id)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    await this.options.api.leaveConversation(conversationId);
    await this.run(async () => {
      await this.saveConversation(conversationId, { ...(await this.conversation(conversationId)), removed: true, left: true });
    });
    this.listVersion++;
    this.emit();
  }

  /** Commits the removal of an account's leaves after it left (no membership change to record). */
  private async removeLeavesOf(conversationId: string, accountId: string): Promise<void> {
    await this.commitChange(conversationId, async (group) => {
      const deviceIds = members(group).filter((leaf) => leaf.accountId === accountId).map((leaf) => leaf.deviceId);
      if (deviceIds.length === 0) return undefined;
      const result = await this.mls.removeDevices(group, deviceIds);
      return { result, fields: { removeDeviceIds: deviceIds } };
    });
  }

  // ---- group set-up ----

  /**
   * Creates the MLS group if this device is the conversation's first leaf and has none yet,
   * then adds the other members' devices (and this account's other devices). A device that is
   * not a leaf waits for its Welcome instead.
   */
  private async ensureGroup(conversationId: string, addAccountIds: string[]): Promise<void> {
    const details = await this.options.api.getConversation(conversationId);
    let created = false;
    if (!(await this.group(conversationId))) {
      const isLeaf = details.members.some((member) => member.deviceIds.includes(this.options.deviceId));
      if (!isLeaf || details.conversation.epoch !== 0) return;
      created = await this.run(async () => {
        if (await this.group(conversationId)) return false;
        const group = await this.mls.createGroup(conversationId);
        await this.saveGroup(conversationId, group, { ...(await this.conversation(conversationId)), lastSeq: details.conversation.lastSeq });
        return true;
      });
    }
    // Members without a leaf yet (the peer of a new direct chat), and, in a group this device
    // just made, the own account's other devices: one commit with one Welcome for all of them.
    const waiting = details.members.filter((member) => member.accountId !== this.options.accountId
      && member.deviceIds.length === 0).map((member) => member.accountId);
    const accounts = created ? [...waiting, this.options.accountId] : waiting;
    const devicesIn = new Set(members((await this.group(conversationId))!).map((leaf) => leaf.deviceId));
    const claimed = (await Promise.all(accounts.map((accountId) =>
      this.options.keyring.claim(accountId).catch(() => [])))).flat()
      .filter((kp) => !devicesIn.has(kp.deviceId));
    await this.addDevices(conversationId, claimed);
    if (addAccountIds.length > 0) await this.addAccounts(conversationId, addAccountIds);
    this.emit();
  }

  /**
   * Adds devices of current members that are not leaves yet — a member's new device, or a peer
   * whose device had no key package when the chat began — so every device of every member can
   * read what is sent from now on. Any member may commit this; groups above
   * DEVICE_CHECK_MEMBERS_MAX members are left to their admins' devices for now.
   */
  async addMissingDevices(conversationId: string, directoryMaxAgeMillis = 0): Promise<void> {
    const group = await this.group(conversationId);
    if (!group) return;
    const details = await this.options.api.getConversation(conversationId);
    if ((details.rejoinDeviceIds ?? []).length > 0) {
      await this.readdLostDevices(conversationId, details.rejoinDeviceIds!)
        .catch((error: unknown) => console.warn('device not added again', String(error)));
    }
    if (details.members.length > DEVICE_CHECK_MEMBERS_MAX) return;
    const leaves = new Set(members(group).map((leaf) => leaf.deviceId));
    const lacking: string[] = [];
    for (const member of details.members) {
      // Asked afresh when a person opens a conversation (a device may be minutes old); the
      // background check after connecting shares one answer per account across conversations.
      const keys = await this.options.keyring.deviceKeys(member.accountId, directoryMaxAgeMillis).catch(() => []);
      if (keys.some((key) => !leaves.has(key.deviceId) && key.deviceId !== this.options.deviceId)) lacking.push(member.accountId);
    }
    const claimed = (await Promise.all(lacking.map((accountId) => this.options.keyring.claim(accountId).catch(() => [])))).flat()
      .filter((kp) => !leaves.has(kp.deviceId));
    // An add takes gone leaves out with it; with nothing to add, a commit of its own does.
    if (claimed.length > 0) await this.addDevices(conversationId, claimed);
    else if (goneLeaves(group, rosterOf(details), this.options.deviceId).length > 0) await this.removeGoneLeaves(conversationId);
  }

  /**
   * One commit taking out leaves that are gone (a member's logged-out or revoked device, a
   * leaver's devices) when there is nothing to add. Any member may commit it; one that loses the
   * race rebuilds on the winner's state and finds nothing left to do.
   */
  private async removeGoneLeaves(conversationId: string): Promise<void> {
    await this.commitChange(conversationId, async (group, roster) => {
      const gone = goneLeaves(group, roster, this.options.deviceId);
      if (gone.length === 0) return undefined;
      const result = await this.mls.removeDevices(group, gone);
      return { result, fields: { removeDeviceIds: gone } };
    }, { withRoster: true });
    this.emit();
  }

  /**
   * Devices that lost their group state and asked to be added again: one commit each removes the
   * old leaf and welcomes the device with a fresh key package. Every member may; the roster (the
   * server clears a request with that commit) keeps a second one from doing it again.
   */
  private async readdLostDevices(conversationId: string, deviceIds: string[]): Promise<void> {
    for (const deviceId of deviceIds.slice(0, REJOINS_AT_ONCE_MAX)) {
      if (deviceId === this.options.deviceId) continue;
      const group = await this.group(conversationId);
      const leaf = group && members(group).find((candidate) => candidate.deviceId === deviceId);
      if (!leaf) continue;
      // Another member may have answered already: no key package is claimed for nothing then.
      if (!(await this.roster(conversationId))?.rejoinDeviceIds.has(deviceId)) continue;
      const claimed = (await this.options.keyring.claim(leaf.accountId).catch(() => []))
        .filter((kp) => kp.deviceId === deviceId);
      if (claimed.length === 0) continue;
      await this.commitChange(conversationId, async (current, roster) => {
        if (!roster || roster.epoch !== epochOf(current) || !roster.rejoinDeviceIds.has(deviceId)) return undefined;
        if (!members(current).some((candidate) => candidate.deviceId === deviceId)) return undefined;
        // Never the device itself: the server keeps a device asking to rejoin among the group's.
        const gone = goneLeaves(current, roster, this.options.deviceId).filter((id) => id !== deviceId);
        const result = await this.mls.addMembers(current, claimed, [deviceId, ...gone]);
        return { result, fields: { removeDeviceIds: [deviceId, ...gone],
          welcome: { ciphertext: toBase64(result.welcome!), deviceIds: [deviceId] } } };
      }, { withRoster: true });
    }
    this.emit();
  }

  /** After connecting: conversations whose group this device lost, asked about again. */
  private async askAgainToRejoin(): Promise<void> {
    const ids = (await this.options.db.keys('conv:')).map((key) => key.slice('conv:'.length));
    for (const id of ids) {
      if ((await this.conversation(id)).lost) await this.askToRejoin(id);
    }
  }

  /** Asks the members to add this device again (at most every REJOIN_ASK_EVERY_MILLIS). */
  private async askToRejoin(conversationId: string): Promise<void> {
    const local = await this.conversation(conversationId);
    if (!local.lost || local.removed) return;
    if (local.rejoinAskedAt !== undefined && Date.now() - local.rejoinAskedAt < REJOIN_ASK_EVERY_MILLIS) return;
    try {
      await this.options.api.requestRejoin(conversationId);
    } catch (error) {
      console.warn('could not ask to be added again', String(error)); // asked again after the next `ready`
      return;
    }
    await this.run(async () => {
      const now = await this.conversation(conversationId);
      if (now.lost) await this.saveConversation(conversationId, { ...now, rejoinAskedAt: Date.now() });
    });
  }

  /** Adds the account's devices that are not leaves yet (a member's new device), by one commit. */
  private async addDevicesOf(conversationId: string, accountId: string): Promise<void> {
    const group = await this.group(conversationId);
    if (!group) return;
    const leaves = new Set(members(group).map((leaf) => leaf.deviceId));
    const claimed = (await this.options.keyring.claim(accountId)).filter((kp) => !leaves.has(kp.deviceId));
    await this.addDevices(conversationId, claimed);
  }

  /** Conversations this device is a leaf of, most recently active first. */
  private async groupConversationIds(): Promise<string[]> {
    const ids = (await this.options.db.keys('conv:')).map((key) => key.slice('conv:'.length));
    const records = await Promise.all(ids.map(async (id) => ({ id, local: await this.conversation(id) })));
    return records.filter(({ local }) => local.state !== undefined && !local.removed)
      .sort((a, b) => (b.local.lastMessage?.sentAt ?? 0) - (a.local.lastMessage?.sentAt ?? 0))
      .map(({ id }) => id);
  }

  /** One commit adding these claimed devices (those not in the group by then), with their Welcome. */
  private async addDevices(conversationId: string, claimed: { bytes: Uint8Array; accountId: string; deviceId: string }[]):
  Promise<void> {
    if (claimed.length === 0) return;
    await this.commitChange(conversationId, async (group, roster) => {
      const present = new Set(members(group).map((leaf) => leaf.deviceId));
      const fresh = claimed.filter((kp) => !present.has(kp.deviceId));
      if (fresh.length === 0) return undefined;
      const gone = goneLeaves(group, roster, this.options.deviceId);
      const result = await this.mls.addMembers(group, fresh, gone);
      return { result, fields: { welcome: { ciphertext: toBase64(result.welcome!), deviceIds: fresh.map((kp) => kp.deviceId) },
        ...(gone.length > 0 ? { removeDeviceIds: gone } : {}) } };
    }, { withRoster: true });
    this.emit();
  }

  /**
   * The server's member list and epoch, asked before each attempt's turn in the MLS queue: a
   * request inside it would hold every chat's incoming messages for as long as it takes.
   * Unreachable, it is left out and the add goes ahead without removing leavers' leaves.
   */
  private async roster(conversationId: string): Promise<Roster | undefined> {
    try {
      return rosterOf(await this.options.api.getConversation(conversationId));
    } catch {
      return undefined;
    }
  }

  // ---- commits ----

  /**
   * Builds a commit on the current state and sends it. On `epoch_conflict` another member's
   * commit won: wait until it has been processed, then build this change again on the new state.
   * This device's commits to one conversation go one at a time: a second one built while the
   * first awaits its answer would start from the same state and replace its pending state.
   */
  private commitChange(conversationId: string,
    build: (group: GroupState, roster: Roster | undefined) => Promise<{ result: { group: GroupState; commit: Uint8Array }; fields: Record<string, unknown> } | undefined>,
    { withRoster = false } = {}): Promise<void> {
    const previous = this.commitsInFlight.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.commitChangeNow(conversationId, build, withRoster));
    const tail = next.catch(() => undefined);
    this.commitsInFlight.set(conversationId, tail);
    void tail.then(() => {
      if (this.commitsInFlight.get(conversationId) === tail) this.commitsInFlight.delete(conversationId);
    });
    return next;
  }

  private async commitChangeNow(conversationId: string,
    build: (group: GroupState, roster: Roster | undefined) => Promise<{ result: { group: GroupState; commit: Uint8Array }; fields: Record<string, unknown> } | undefined>,
    withRoster: boolean): Promise<void> {
    for (let attempt = 1; attempt <= COMMIT_ATTEMPTS_MAX; attempt++) {
      const roster = withRoster ? await this.roster(conversationId) : undefined;
      const prepared = await this.run(async () => {
        const group = await this.group(conversationId);
        if (!group) throw new Error('no group state for this conversation');
        const built = await build(group, roster);
        if (!built) return undefined; // nothing left to change (another member did it)
        const { result, fields } = built;
        const pending: PendingCommit = { clientMessageId: newMessageId(), epoch: epochOf(group), state: this.mls.encodeState(result.group) };
        await this.options.db.setMany([[`commit:${conversationId}`, pending]]);
        return { pending, frame: { type: 'send', conversationId, clientMessageId: pending.clientMessageId, kind: 'commit',
          epoch: pending.epoch, ciphertext: toBase64(result.commit), ...fields } };
      });
      if (!prepared) return;
      const answer = await this.connection.request(prepared.frame);
      if (answer.ok) {
        await this.run(() => this.adoptPendingCommit(conversationId, prepared.pending.clientMessageId));
        this.emit();
        return;
      }
      if (answer.status === 0) {
        // No answer (offline, timeout): the commit may have been stored. The pending state stays;
        // if the commit comes back as this device's envelope, that state is adopted then.
        throw new CommitRefused(answer);
      }
      await this.options.db.del(`commit:${conversationId}`);
      if (answer.code !== 'epoch_conflict') throw new CommitRefused(answer);
      const currentEpoch = Number(answer.frame?.currentEpoch ?? prepared.pending.epoch + 1);
      await this.waitForEpoch(conversationId, currentEpoch);
    }
    throw new CommitRefused({ ok: false, code: 'epoch_conflict', status: 409 });
  }

  private async adoptPendingCommit(conversationId: string, clientMessageId?: string): Promise<void> {
    const pending = await this.options.db.get<PendingCommit>(`commit:${conversationId}`);
    if (!pending || (clientMessageId && pending.clientMessageId !== clientMessageId)) return;
    const group = this.mls.decodeState(pending.state);
    await this.saveGroup(conversationId, group, await this.conversation(conversationId), [], [`commit:${conversationId}`]);
  }

  private waitForEpoch(conversationId: string, epoch: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const group = this.groups.get(conversationId);
        if (group && epochOf(group) >= epoch) {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error('the winning commit did not arrive'));
      }, EPOCH_WAIT_MILLIS);
      const unsubscribe = this.subscribe(check);
      check();
    });
  }

  // ---- frames from the server ----

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'envelopes':
        void this.run(() => this.receiveEnvelopes(String(frame.conversationId), frame.envelopes as WireEnvelope[]))
          .then(() => this.emit(), (error) => console.warn('envelopes not processed', error));
        break;
      case 'item':
        if (frame.kind === 'welcome') {
          void this.run(() => this.receiveWelcome(frame))
            .then(() => this.emit(), (error) => console.warn('welcome not processed', error));
        }
        break;
      case 'ready':
        this.ready = true;
        this.connection.markReady();
        // The catch-up before `ready` brought every commit there is: nothing waits any more.
        for (const { timer } of this.behind.values()) clearTimeout(timer);
        this.behind.clear();
        if (this.stalled.size === 0) this.stallRetries = 0;
        void this.run(async () => this.sendPendingReads()).then(() => this.flush());
        void this.askAgainToRejoin();
        this.deviceSync.connected();
        void this.resends.connected();
        if (this.openConversationId) void this.refreshMarks(this.openConversationId);
        this.options.keyring.replenish().catch(() => undefined);
        break;
      case 'typing':
        this.receiveTyping(String(frame.conversationId), String(frame.accountId));
        break;
      case 'read':
        void this.run(() => this.receiveRead(String(frame.conversationId), String(frame.accountId), Number(frame.seq)))
          .then(() => this.emit());
        break;
      case 'delivered':
        void this.run(() => this.receiveDelivered(String(frame.conversationId), frame.marks)).then(() => this.emit());
        break;
      case 'membership':
        if (frame.event === 'left' && typeof frame.accountId === 'string') {
          // The server dropped the leaver at once; some remaining member must take its leaves out
          // of the MLS tree. Every device tries; after the first commit the others find nothing to do.
          this.removeLeavesOf(String(frame.conversationId), frame.accountId)
            .catch((error: unknown) => console.warn('leaver not removed from the group', error));
        }
        if (frame.event === 'rejoin' && typeof frame.deviceId === 'string') {
          this.deviceSync.rejoinRequested(String(frame.conversationId), frame.deviceId)
            .catch((error: unknown) => console.warn('rejoin request not handled', String(error)));
        }
        if (frame.event === 'device_added' && typeof frame.accountId === 'string' && typeof frame.deviceId === 'string') {
          this.deviceSync.deviceAnnounced(String(frame.conversationId), frame.accountId, frame.deviceId)
            .catch((error: unknown) => console.warn('device announcement not handled', String(error)));
        }
        if (frame.event === 'device_removed' && typeof frame.deviceId === 'string') {
          this.deviceSync.deviceRemoved(String(frame.conversationId), frame.deviceId)
            .catch((error: unknown) => console.warn('device removal not handled', String(error)));
        }
        if (frame.event === 'removed') {
          void this.run(async () => {
            const id = String(frame.conversationId);
            await this.saveConversation(id, { ...(await this.conversation(id)), removed: true });
            this.listVersion++;
          }).then(() => this.emit());
        }
        break;
      default:
        break;
    }
  }

  private async sendPendingReads(): Promise<void> {
    for (const conversationId of [...this.pendingReads]) {
      this.pendingReads.delete(conversationId);
      const local = await this.conversation(conversationId);
      if (local.lastSeq > 0 && !local.removed && canRead(local)) this.connection.send({ type: 'read', conversationId, seq: local.lastSeq });
    }
  }

  private async receiveRead(conversationId: string, accountId: string, seq: number): Promise<void> {
    if (!Number.isSafeInteger(seq)) return;
    const local = await this.conversation(conversationId);
    if (accountId === this.options.accountId) {
      // Read on another device of this account.
      if (local.unread > 0 && seq >= local.lastSeq) {
        await this.saveConversation(conversationId, { ...local, unread: 0, mentioned: false });
      }
      return;
    }
    if ((local.readUpTo?.[accountId] ?? 0) >= seq) return;
    const entries = Object.entries({ ...local.readUpTo, [accountId]: seq })
      .sort((a, b) => b[1] - a[1]).slice(0, READ_MARKS_MAX);
    await this.saveConversation(conversationId, { ...local, readUpTo: Object.fromEntries(entries) });
  }

  /** Others' delivery marks: an account's device acknowledged up to seq (the newest marks are kept). */
  private async receiveDelivered(conversationId: string, marks: unknown): Promise<void> {
    if (!Array.isArray(marks)) return;
    const local = await this.conversation(conversationId);
    const delivered = { ...local.deliveredUpTo };
    let changed = false;
    for (const mark of marks.slice(0, READ_MARKS_MAX) as { accountId?: unknown; seq?: unknown }[]) {
      if (typeof mark?.accountId !== 'string' || !Number.isSafeInteger(mark.seq)) continue;
      if (mark.accountId === this.options.accountId || (delivered[mark.accountId] ?? 0) >= Number(mark.seq)) continue;
      delivered[mark.accountId] = Number(mark.seq);
      changed = true;
    }
    if (!changed) return;
    const entries = Object.entries(delivered).sort((a, b) => b[1] - a[1]).slice(0, READ_MARKS_MAX);
    await this.saveConversation(conversationId, { ...local, deliveredUpTo: Object.fromEntries(entries) });
  }

  private receiveTyping(conversationId: string, accountId: string): void {
    if (accountId === this.options.accountId) return;
    const byAccount = this.typing.get(conversationId) ?? new Map<string, number>();
    byAccount.set(accountId, Date.now() + TYPING_SHOWN_MILLIS);
    this.typing.set(conversationId, byAccount);
    this.emit();
    setTimeout(() => this.emit(), TYPING_SHOWN_MILLIS + 50);
  }

  private async receiveEnvelopes(conversationId: string, envelopes: WireEnvelope[]): Promise<void> {
    if (this.stalled.has(conversationId)) return; // sent again after the reconnect
    let group = await this.group(conversationId);
    let local = await this.conversation(conversationId);
    const fresh = unseenEnvelopes(envelopes, local.lastSeq);
    // No state yet, or a gap after the last envelope processed: the server sends a leaf every
    // envelope without gaps, so a gap means this device was out of the group and has been added
    // again. Either way a Welcome is on its way (items come after envelopes): hold them till then.
    if (!group || (fresh.length > 0 && fresh[0]!.seq > local.lastSeq + 1)) {
      const stash = [...(this.stashed.get(conversationId) ?? []), ...envelopes];
      this.stashed.set(conversationId, stash.slice(-STASHED_ENVELOPES_MAX));
      return;
    }
    if (fresh.length === 0) {
      // Re-delivered: acknowledge no further than this connection delivered (the server refuses more).
      this.ack(conversationId, Math.min(local.lastSeq, Math.max(0, ...envelopes.map((envelope) => envelope.seq))));
      return;
    }
    let list = await this.messages(conversationId);
    const heldBefore = await this.held(conversationId);
    let held = heldBefore;
    const deleted: string[] = [];
    const wanted: WireEnvelope[] = [];
    const filled: number[] = [];
    const requests: { from: string; seqs: number[] }[] = [];
    let lostNow = false;
    for (const envelope of fresh) {
      const outcome = await this.processEnvelope(conversationId, group, envelope, local.joinedEpoch ?? 0);
      if (outcome.retry) {
        // Not processed and not acknowledged: what came before is kept, the rest comes again.
        this.stall(conversationId);
        break;
      }
      group = outcome.group;
      if (outcome.pendingAdopted) deleted.push(`commit:${conversationId}`);
      if (outcome.removed && local.left) outcome.message = undefined;
      if (outcome.removed) local = { ...local, removed: true };
      if (outcome.lost && !local.lost) {
        local = { ...local, lost: true };
        lostNow = true;
      }
      if (outcome.wanted) wanted.push(envelope);
      if (outcome.resendRequest) requests.push(outcome.resendRequest);
      let replaced = false;
      if (outcome.resendOf !== undefined) {
        // A resend fills only the placeholder its own sender left at that seq; anything else is
        // dropped (and one already shown keeps its key, so it is not shown twice).
        const of = outcome.resendOf;
        const index = list.findIndex((message) => message.seq === of && message.kind === 'undecryptable'
          && message.senderDeviceId === envelope.senderDeviceId);
        if (index < 0) {
          outcome.message = undefined;
          outcome.reaction = undefined;
          outcome.change = undefined;
        } else {
          list = list.filter((_, at) => at !== index);
          filled.push(of);
          replaced = true;
        }
      }
      if (outcome.reaction) list = applyReaction(list, outcome.reaction.target, outcome.reaction.accountId, outcome.reaction.emoji);
      if (outcome.change) {
        // Its message may not be here yet (it comes later as a resend): then it waits for it.
        ({ list, pending: held } = applyOrHold(list, held, outcome.change));
        local = withPreviewOf(local, list, outcome.change.target);
      }
      if (outcome.message?.kind === 'system') {
        const merged = mergeMessage(list, outcome.message);
        if (merged.added) this.listVersion++; // the group's name changed: lists reload
        list = merged.list;
      } else if (outcome.message) {
        const merged = mergeMessage(list, outcome.message);
        list = merged.list;
        // The typer has sent what they typed: their indicator goes now, not seconds later.
        if (merged.added) this.typing.get(conversationId)?.delete(outcome.message.senderAccountId);
        if (merged.added && !replaced && outcome.message.senderAccountId !== this.options.accountId) {
          const open = this.openConversationId === conversationId && isVisible();
          local = { ...local, unread: open ? 0 : local.unread + 1,
            mentioned: open ? false : local.mentioned || mentionsMe(outcome.message, this.options.accountId),
            lastMessage: { text: outcome.message.text ?? outcome.message.file?.name
              ?? (outcome.message.payment ? paymentPreview(outcome.message.payment) : ''), sentAt: outcome.message.sentAt,
            senderAccountId: outcome.message.senderAccountId, key: outcome.message.key } };
        }
      }
      if (outcome.message && held.length > 0) {
        const applied = applyHeld(list, held);
        list = applied.list;
        held = applied.pending;
        for (const target of applied.applied) local = withPreviewOf(local, list, target);
      }
      local = { ...local, lastSeq: envelope.seq };
    }
    const heldEntries: [string, unknown][] = held === heldBefore ? [] : [[`changes:${conversationId}`, held]];
    await this.saveGroup(conversationId, group, local, [[`msgs:${conversationId}`, list], ...heldEntries], deleted);
    this.heldChanges.set(conversationId, held);
    this.messageCache.set(conversationId, list);
    this.ack(conversationId, local.lastSeq);
    // Not awaited: these send through this queue, behind the task running now.
    if (lostNow) void this.askToRejoin(conversationId);
    if (wanted.length > 0) void this.resends.want(conversationId, wanted);
    if (filled.length > 0) void this.resends.fulfilled(conversationId, filled);
    for (const request of requests) {
      void this.resends.answer(conversationId, request.from, request.seqs)
        .catch((error: unknown) => console.warn('resend not answered', String(error)));
    }
    if (this.openConversationId === conversationId && isVisible() && canRead(local)) {
      this.connection.send({ type: 'read', conversationId, seq: local.lastSeq });
    }
  }

  private async processEnvelope(conversationId: string, group: GroupState, envelope: WireEnvelope, joinedEpoch: number):
  Promise<EnvelopeOutcome> {
    if (envelope.senderDeviceId === this.options.deviceId) {
      // This device's own message comes back: it is shown already, and MLS cannot decrypt it.
      if (envelope.kind === 'commit') {
        const pending = await this.options.db.get<PendingCommit>(`commit:${conversationId}`);
        if (pending && pending.epoch === envelope.epoch && epochOf(group) === envelope.epoch) {
          return { group: this.mls.decodeState(pending.state), pendingAdopted: true };
        }
        // Its own commit took effect, but the state it leads to is gone: the group moved on without it.
        if (epochOf(group) === envelope.epoch) {
          console.warn(`own commit ${envelope.seq} (epoch ${envelope.epoch}) has no state to adopt on ${this.options.deviceId}`);
          return { group, lost: true };
        }
      }
      return { group };
    }
    if (envelope.kind === 'application' && sentBeforeJoining(envelope.ciphertext, joinedEpoch)) {
      // Encrypted for the group as it was before this device joined (its sender had not yet
      // processed the commit that added this device): this device cannot read it, but it was
      // sent after the add, so the sender's device is asked to send it again (resend.ts).
      return { group, message: placeholder(conversationId, envelope), wanted: true };
    }
    try {
      const result = await timed(envelope.kind === 'application' ? 'atrium-mls-decrypt' : 'atrium-mls-commit',
        () => this.mls.process(group, fromBase64(envelope.ciphertext)));
      if (result.kind === 'application') {
        const sender = result.sender;
        if (sender.accountId !== envelope.senderAccountId || sender.deviceId !== envelope.senderDeviceId) {
          throw new Error('the envelope names another sender than the MLS message');
        }
        const control = decodeResendControl(result.plaintext);
        if (control?.type === 'request') {
          return control.deviceId === this.options.deviceId
            ? { group: result.group, resendRequest: { from: sender.deviceId, seqs: control.seqs } } : { group: result.group };
        }
        let payload = decodePayload(control ? control.inner : result.plaintext);
        const resendOf = control?.type === 'resend' ? control.of : undefined;
        if (payload.type === 'member') {
          const checked = checkedMemberChange(payload, sender.accountId, result.group);
          if (!checked) return { group: result.group, resendOf };
          payload = checked;
        }
        if (payload.type === 'reaction') {
          return { group: result.group, resendOf,
            reaction: { target: payload.target, accountId: sender.accountId, emoji: payload.emoji } };
        }
        if (payload.type === 'edit' || payload.type === 'recall') {
          return { group: result.group, resendOf, change: { type: payload.type, target: payload.target,
            accountId: sender.accountId, text: payload.type === 'edit' ? payload.text : undefined,
            sentAt: payload.sentAt, serverAt: envelope.createdAt } };
        }
        return { group: result.group, resendOf, message: {
          ...(payload.type === 'unsupported' ? { kind: 'unsupported', sentAt: payload.sentAt } : messageFields(payload)),
          key: messageKey(sender.deviceId, payload.id), conversationId, seq: resendOf ?? envelope.seq,
          senderAccountId: sender.accountId, senderDeviceId: sender.deviceId, serverAt: envelope.createdAt,
          status: 'received' } };
      }
      if (result.kind === 'commit') {
        if (!result.removedSelf) return { group: result.group };
        // This device's last envelope in the group: it says who removed it (a leaver has said so itself).
        return { group: result.group, removed: true, message: envelope.senderAccountId === this.options.accountId ? undefined
          : { key: `removed:${envelope.seq}`, conversationId, seq: envelope.seq, kind: 'system',
            system: { event: 'member', change: 'removed', accountIds: [this.options.accountId] },
            senderAccountId: envelope.senderAccountId, senderDeviceId: envelope.senderDeviceId, sentAt: envelope.createdAt,
            serverAt: envelope.createdAt, status: 'received' } };
      }
      return { group: result.group };
    } catch (error) {
      console.warn(`could not process envelope ${envelope.seq} (${envelope.kind}, epoch ${envelope.epoch}) from `
        + `${envelope.senderDeviceId} on ${this.options.deviceId} at epoch ${epochOf(group)}:`, String(error));
      // A commit skipped for a passing reason would leave this device behind for good: it is
      // processed again once the server re-delivers it.
      if (passing(error)) return { group, retry: true };
      // A commit at this device's epoch or later that it cannot process leaves it behind for
      // good (an older one is a duplicate): it asks the members to add it again.
      if (envelope.kind === 'commit') return { group, lost: envelope.epoch >= epochOf(group) };
      if (envelope.kind !== 'application') return { group };
      return { group, message: placeholder(conversationId, envelope), wanted: true };
    }
  }

  private async receiveWelcome(frame: ServerFrame): Promise<void> {
    const conversationId = String(frame.conversationId);
    const itemId = String(frame.itemId);
    // A Welcome at or before what this device already processed was used before (re-delivery);
    // a later one adds this device again after it was removed, and replaces the old state.
    // A device that lost its place takes the Welcome that adds it again at the seq of the commit
    // (which it received, and could not process, just before).
    const before = await this.conversation(conversationId);
    if ((await this.group(conversationId)) && Number(frame.seq) <= before.lastSeq && !before.lost) {
      this.connection.send({ type: 'ack_items', itemIds: [itemId] });
      return;
    }
    let usedRef: string | undefined;
    try {
      const group = await this.mls.join(fromBase64(String(frame.payload)), async (ref) => {
        const found = await this.options.keyring.findKeyPackage(ref);
        if (found) usedRef = ref;
        return found;
      });
      // A device rejoining may have processed (as unreadable) envelopes past the commit: the
      // server goes on from there, so this device does too; their resends come on the new state.
      const local = { ...before, lastSeq: before.lost ? Math.max(before.lastSeq, Number(frame.seq)) : Number(frame.seq),
        joinFailed: false, removed: false, left: false, joinedEpoch: epochOf(group), lost: false, rejoinAskedAt: undefined };
      await this.saveGroup(conversationId, group, local);
      this.listVersion++;
      // Not awaited: it asks the server, outside this queue.
      if (!before.state && Number(frame.seq) > 1) void this.noteHistoryBefore(conversationId, Number(frame.seq));
    } catch (error) {
      console.warn('could not join from the Welcome', String(error));
      if (passing(error)) {
        // Unacknowledged, the Welcome comes again with the next connection's catch-up.
        this.stall(conversationId);
        return;
      }
      await this.saveConversation(conversationId, { ...(await this.conversation(conversationId)), joinFailed: true, lost: true });
      void this.askToRejoin(conversationId);
    }
    this.connection.send({ type: 'ack_items', itemIds: [itemId] });
    if (usedRef) await this.options.keyring.forgetKeyPackage(usedRef);
    this.options.keyring.replenish().catch(() => undefined);
    this.resends.joined(conversationId);
    const stash = this.stashed.get(conversationId);
    this.stashed.delete(conversationId);
    if (stash && (await this.group(conversationId))) await this.receiveEnvelopes(conversationId, stash);
    // Messages written while waiting for this Welcome can leave now (not awaited: it queues
    // behind this task).
    void this.flush();
  }

  /**
   * A device that joined a conversation its account was in before the device existed (a new
   * device, a login after a logout) has none of the earlier messages: MLS keys them for the
   * devices that were there. The chat says so plainly at the point this device came in.
   */
  private async noteHistoryBefore(conversationId: string, joinedSeq: number): Promise<void> {
    try {
      const [details, keys] = await Promise.all([this.options.api.getConversation(conversationId),
        this.options.keyring.deviceKeys(this.options.accountId, 0)]);
      const accountJoinedAt = Date.parse(details.members.find((member) => member.accountId === this.options.accountId)?.joinedAt ?? '');
      const deviceCreatedAt = Date.parse(keys.find((key) => key.deviceId === this.options.deviceId)?.createdAt ?? '');
      if (!(accountJoinedAt < deviceCreatedAt)) return; // the account joined with this device: nothing was missed
      await this.run(async () => {
        const notice: ChatMessage = { key: `history:${this.options.deviceId}`, conversationId, seq: joinedSeq, kind: 'system',
          system: { event: 'history' }, senderAccountId: this.options.accountId, senderDeviceId: this.options.deviceId,
          sentAt: Date.now(), status: 'received' };
        const list = mergeMessage(await this.messages(conversationId), notice).list;
        await this.options.db.setMany([[`msgs:${conversationId}`, list]]);
        this.messageCache.set(conversationId, list);
      });
      this.emit();
    } catch (error) {
      console.warn('could not tell whether earlier messages are missing', String(error));
    }
  }

  /**
   * Holds the conversation until the next connection and, if the socket stays up (only the
   * directory failed), reconnects after a growing pause so the server sends it all again.
   */
  private stall(conversationId: string): void {
    this.stalled.add(conversationId);
    this.armStallRetry();
  }

  private armStallRetry(): void {
    if (this.stallTimer !== undefined) return;
    const pause = Math.min(STALL_RETRY_MILLIS_MAX, STALL_RETRY_MILLIS * 2 ** this.stallRetries);
    this.stallRetries = Math.min(this.stallRetries + 1, 10);
    this.stallTimer = setTimeout(() => {
      this.stallTimer = undefined;
      if (this.stalled.size === 0) return; // a reconnect came first
      if (this.connection.status === 'online') this.connection.resync();
      else this.armStallRetry(); // connecting or backing off: look again later
    }, pause);
  }

  private ack(conversationId: string, seq: number): void {
    if (seq > 0) this.connection.send({ type: 'ack', conversationId, seq });
  }

  // ---- the outbox ----

  /** Sends queued messages in order while the connection is ready; stops at the first failure. */
  async flush(): Promise<void> {
    if (!this.ready) return;
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    this.flushAgain = false;
    const failed = new Set<string>();
    try {
      for (const item of await this.outbox.list()) await this.conversation(item.conversationId);
      for (let sent = 0; sent < 10_000 && this.ready; sent++) {
        const item = await this.outbox.next((id) => this.hasGroup(id) && !this.behind.has(id), failed);
        if (!item) break;
        const frame = await this.run(async () => {
          const group = await this.group(item.conversationId);
          if (!group) return undefined;
          const local = await this.conversation(item.conversationId);
          // Removed from the group: the message can no longer reach anyone (it is marked as not sent).
          if (local.removed) return 'unsendable' as const;
          let encrypted: Awaited<ReturnType<MlsSession['encrypt']>>;
          try {
            encrypted = await timed('atrium-mls-encrypt', () => this.mls.encrypt(group, encodePayload(item.payload)));
          } catch (error) {
            console.warn('message not encrypted', String(error));
            return 'unsendable' as const;
          }
          // The advanced state is saved before the ciphertext leaves, so no key is used twice.
          await this.saveGroup(item.conversationId, encrypted.group, local);
          return { type: 'send', conversationId: item.conversationId, clientMessageId: item.clientMessageId,
            kind: 'application', epoch: epochOf(group), ciphertext: toBase64(encrypted.ciphertext) };
        });
        if (!frame) break;
        if (frame === 'unsendable') {
          await this.run(() => this.settle(item, 'failed'));
          failed.add(item.clientMessageId);
          this.emit();
          continue;
        }
        const answer = await this.connection.request(frame);
        if (answer.ok) {
          await this.run(() => this.settle(item, 'sent', Number(answer.frame.seq)));
        } else if (answer.code === 'epoch_conflict') {
          // A commit came first and this device has not processed it yet: its envelope is on the
          // way. The message is encrypted again once this device is at that epoch, so every
          // member (also one the commit just added) can read it.
          this.waitUntilCaughtUp(item.conversationId, Number(answer.frame?.currentEpoch ?? frame.epoch + 1));
        } else if (answer.status >= 400 && answer.status < 500 && answer.status !== 409 && answer.status !== 429) {
          await this.run(() => this.settle(item, 'failed'));
          failed.add(item.clientMessageId);
        } else {
          break; // offline, timeout, overload: the next `ready` tries again
        }
        this.emit();
      }
    } finally {
      this.flushing = false;
    }
    if (this.flushAgain) void this.flush();
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
    const group = this.groups.get(conversationId);
    if (group) this.caughtUp(conversationId, group);
  }

  /**
   * A conversation waiting for an epoch reached it, or this device was removed from it (its
   * messages will be marked as not sent): either way its outbox moves on.
   */
  private caughtUp(conversationId: string, group: GroupState | undefined): void {
    const waiting = this.behind.get(conversationId);
    if (!waiting) return;
    if (!this.conversations.get(conversationId)?.removed && (!group || epochOf(group) < waiting.epoch)) return;
    clearTimeout(waiting.timer);
    this.behind.delete(conversationId);
    void this.flush();
  }

  private async settle(item: OutboxItem, status: 'sent' | 'failed', seq?: number): Promise<void> {
    const key = messageKey(this.options.deviceId, item.payload.id);
    let list = bySequence((await this.messages(item.conversationId)).map((message) =>
      message.key === key ? { ...message, status, seq: seq ?? message.seq } : message));
    let local: LocalConversation | undefined;
    if (status === 'failed' && item.before && (item.payload.type === 'edit' || item.payload.type === 'recall')) {
      // The change never left: the message is shown as it was (as everyone else still sees it).
      const before = item.before;
      list = list.map((message) => message.key === before.key
        ? { ...before, status: message.status, seq: message.seq, reactions: message.reactions } : message);
      const conversation = await this.conversation(item.conversationId);
      local = withPreviewOf(conversation, list, before.key);
    }
    const remaining = (await this.outbox.list()).filter((queued) => queued.clientMessageId !== item.clientMessageId);
    // What was sent is kept (bounded) so a member that could not decrypt it can ask for it again.
    const logged = status === 'sent' && seq !== undefined
      ? await this.resends.sentEntries(item.conversationId, seq, encodePayload(item.payload), item.payload.sentAt) : [];
    await this.options.db.setMany([['outbox', remaining], [`msgs:${item.conversationId}`, list], ...logged,
      ...(local ? [[`conv:${item.conversationId}`, local] as [string, unknown]] : [])]);
    this.messageCache.set(item.conversationId, list);
    if (local) this.conversations.set(item.conversationId, local);
  }

  // ---- resend requests and resends (resend.ts) ----

  /** Encrypts a control payload for the group and sends it; true once the server accepted it. */
  private async sendControl(conversationId: string, payload: Uint8Array): Promise<boolean> {
    if (!this.ready) return false;
    const frame = await this.run(async () => {
      const group = await this.group(conversationId);
      const local = await this.conversation(conversationId);
      if (!group || local.removed) return undefined;
      const encrypted = await this.mls.encrypt(group, payload);
      await this.saveGroup(conversationId, encrypted.group, local);
      return { type: 'send', conversationId, clientMessageId: newMessageId(), kind: 'application', epoch: epochOf(group),
        ciphertext: toBase64(encrypted.ciphertext) };
    });
    if (!frame) return false;
    return (await this.connection.request(frame)).ok;
  }

  /** The placeholders at these seqs will not be filled: they say so. */
  private async markUnavailable(conversationId: string, seqs: number[]): Promise<void> {
    await this.run(async () => {
      const list = (await this.messages(conversationId)).map((message) =>
        message.kind === 'undecryptable' && message.seq !== undefined && seqs.includes(message.seq)
          ? { ...message, resend: 'unavailable' as const } : message);
      await this.options.db.setMany([[`msgs:${conversationId}`, list]]);
      this.messageCache.set(conversationId, list);
    });
    this.emit();
  }

  // ---- persistence ----

  private async group(conversationId: string): Promise<GroupState | undefined> {
    const cached = this.groups.get(conversationId);
    if (cached) return cached;
    const local = await this.conversation(conversationId);
    if (!local.state) return undefined;
    const group = this.mls.decodeState(local.state);
    this.groups.set(conversationId, group);
    return group;
  }

  /** Saves a group state with its conversation record (and more entries) in one transaction. */
  private async saveGroup(conversationId: string, group: GroupState, local: LocalConversation,
    extra: [string, unknown][] = [], deleted: string[] = []): Promise<void> {
    const updated = { ...local, state: this.mls.encodeState(group) };
    await this.options.db.setMany([[`conv:${conversationId}`, updated], ...extra]);
    if (deleted.length > 0) await this.options.db.delMany(deleted);
    this.groups.set(conversationId, group);
    this.conversations.set(conversationId, updated);
    if (this.behind.size > 0) this.caughtUp(conversationId, group);
  }

  private async held(conversationId: string): Promise<PendingChange[]> {
    const cached = this.heldChanges.get(conversationId);
    if (cached) return cached;
    const stored = await this.options.db.get<PendingChange[]>(`changes:${conversationId}`);
    const held = Array.isArray(stored) ? stored : [];
    this.heldChanges.set(conversationId, held);
    return held;
  }

  private async saveConversation(conversationId: string, local: LocalConversation): Promise<void> {
    await this.options.db.setMany([[`conv:${conversationId}`, local]]);
    this.conversations.set(conversationId, local);
    if (local.removed && this.behind.has(conversationId)) this.caughtUp(conversationId, this.groups.get(conversationId));
  }
}

interface EnvelopeOutcome {
  group: GroupState;
  message?: ChatMessage;
  removed?: boolean;
  pendingAdopted?: boolean;
  reaction?: { target: string; accountId: string; emoji: string };
  change?: MessageChange;
  /** The message could not be decrypted: ask its sender's device to send it again. */
  wanted?: boolean;
  /** This is a resend: it fills the placeholder at that seq. */
  resendOf?: number;
  /** A member asks this device to send these seqs again. */
  resendRequest?: { from: string; seqs: number[] };
  /** Not processed for a passing reason (the network): processed again when re-delivered. */
  retry?: boolean;
  /** A commit this device cannot follow: it has lost its place in the group. */
  lost?: boolean;
}

/** A failure that may not happen next time: the network, or the server busy or failing. */
function passing(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/** What stands in for a message this device could not decrypt, while it is asked for again. */
function placeholder(conversationId: string, envelope: WireEnvelope): ChatMessage {
  return { key: messageKey(envelope.senderDeviceId, `seq-${envelope.seq}`), conversationId, seq: envelope.seq,
    senderAccountId: envelope.senderAccountId, senderDeviceId: envelope.senderDeviceId, kind: 'undecryptable',
    sentAt: envelope.createdAt, status: 'received', resend: 'waiting' };
}

export class CommitRefused extends Error {
  constructor(readonly answer: SendAnswer) {
    super(answer.ok ? 'commit refused' : `commit refused: ${answer.code}`);
  }
}

/** User Timing measures kept at most; older ones are cleared (they show in DevTools' timeline). */
const MEASURES_MAX = 500;
let measures = 0;

/** Runs `task` and records how long it took as a User Timing measure named `name`. */
async function timed<T>(name: string, task: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await task();
  } finally {
    if (++measures > MEASURES_MAX) {
      performance.clearMeasures();
      measures = 0;
    }
    performance.measure(name, { start: started, end: performance.now() });
  }
}

function sentBeforeJoining(ciphertext: string, joinedEpoch: number): boolean {
  try {
    const epoch = messageEpoch(fromBase64(ciphertext));
    return epoch !== undefined && epoch < joinedEpoch;
  } catch {
    return false;
  }
}

/** What a message shows of its payload (text, file and thumbnail, payment card, mentions, system line). */
function messageFields(payload: Exclude<SendablePayload, { type: 'reaction' | 'edit' | 'recall' }>):
Pick<ChatMessage, 'kind' | 'text' | 'file' | 'thumbnail' | 'payment' | 'reply' | 'mentions' | 'system' | 'sentAt'> {
  switch (payload.type) {
    case 'text':
      return { kind: 'text', text: payload.text, reply: payload.reply, mentions: payload.mentions, sentAt: payload.sentAt };
    case 'file':
      return { kind: 'file', file: payload.file, thumbnail: payload.thumbnail, sentAt: payload.sentAt };
    case 'payment':
      return { kind: 'payment', payment: payload.payment, sentAt: payload.sentAt };
    case 'rename':
      return { kind: 'system', system: { event: 'rename', name: payload.name }, sentAt: payload.sentAt };
    case 'member':
      return { kind: 'system', system: { event: 'member', change: payload.change, accountIds: payload.accountIds },
        sentAt: payload.sentAt };
  }
}

type MemberPayload = Extract<SendablePayload, { type: 'member' }>;

/**
 * A membership announcement as far as the group's MLS tree bears it out, or undefined: the
 * accounts said to be added (or the first members) have leaves, those said to be removed have
 * none, and a leaver speaks only for itself. Device changes never produce announcements.
 */
function checkedMemberChange(payload: MemberPayload, senderAccountId: string, group: GroupState): MemberPayload | undefined {
  const withLeaves = new Set(members(group).map((leaf) => leaf.accountId));
  const others = payload.accountIds.filter((accountId) => accountId !== senderAccountId);
  switch (payload.change) {
    case 'left':
      return { ...payload, accountIds: [] };
    case 'created':
      return { ...payload, accountIds: others.filter((accountId) => withLeaves.has(accountId)) };
    case 'added': {
      const added = others.filter((accountId) => withLeaves.has(accountId));
      return added.length > 0 ? { ...payload, accountIds: added } : undefined;
    }
    case 'removed': {
      const removed = others.filter((accountId) => !withLeaves.has(accountId));
      return removed.length > 0 ? { ...payload, accountIds: removed } : undefined;
    }
  }
}

/** After an edit or recall: the chat list's preview follows when the changed message is the newest. */
/** The server's members of a conversation, as of one epoch. */
interface Roster {
  epoch: number;
  accountIds: Set<string>;
  /** The members' devices the server counts as leaves (a logged-out or revoked device is not among them). */
  deviceIds: Set<string>;
  /** Leaves that lost their group state and asked to be added again. */
  rejoinDeviceIds: Set<string>;
}

function rosterOf(details: ConversationDetails): Roster {
  return { epoch: details.conversation.epoch, accountIds: new Set(details.members.map((member) => member.accountId)),
    deviceIds: new Set(details.members.flatMap((member) => member.deviceIds)),
    rejoinDeviceIds: new Set(details.rejoinDeviceIds ?? []) };
}

/**
 * Leaves that are gone but whose removal nobody has committed yet: those of accounts that are no
 * longer members (they left), and devices that no longer exist (logged out or revoked: the
 * server deleted their keys and dropped them from the group's devices). An add takes them out in
 * the same commit: a device joining by the Welcome checks every leaf's credential, and the
 * directory shows it no keys for them, so it could never join. Only a roster of the state's own
 * epoch counts: one from before a re-add would take out the new leaf.
 */
function goneLeaves(group: GroupState, roster: Roster | undefined, ownDeviceId: string): string[] {
  if (!roster || roster.epoch !== epochOf(group)) return [];
  return members(group).filter((leaf) => leaf.deviceId !== ownDeviceId
    && (!roster.accountIds.has(leaf.accountId) || !roster.deviceIds.has(leaf.deviceId))).map((leaf) => leaf.deviceId);
}

function withPreviewOf(local: LocalConversation, list: ChatMessage[], targetKey: string): LocalConversation {
  if (!local.lastMessage || local.lastMessage.key !== targetKey) return local;
  const target = list.find((message) => message.key === targetKey);
  if (!target) return local;
  return { ...local, lastMessage: { ...local.lastMessage, text: previewOf(target), recalled: target.recalled } };
}

/** Whether this device can read the conversation now (a lost one reads nothing of the current epoch). */
function canRead(local: LocalConversation): boolean {
  return local.state !== undefined && !local.lost && !local.joinFailed;
}

function isVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}
