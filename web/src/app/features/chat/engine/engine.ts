// The chat engine of one device: turns WebSocket frames into group states and messages, and
// the user's actions into MLS messages for the server. This class is the facade the screens
// use; the work is done by its parts, wired here:
//   engine-state.ts   the caches, the serial queue on which MLS state changes, persistence
//   sending.ts        composing, the outbox and its flush (Sender)
//   receiving.ts      envelopes and Welcomes from the server (Receiver; envelope-processing.ts)
//   group-sync.ts     membership: creating groups, adding and removing members and devices
//   commits.ts        building, sending and adopting this device's commits
//   marks.ts          read and delivery marks, typing
//   resend.ts         asking for and answering resends of undecryptable messages
//   device-sync.ts    adding members' new devices without anyone opening a chat
import type { ConversationDetails } from '../../../api/types';
import { members } from '../../../mls/mls';
import type { FileRef } from './attachments';
import { newMessageId, type ReplyRef } from './codec';
import { Commits } from './commits';
import { Connection, type ConnectionStatus, type ServerFrame } from './connection';
import { DeviceSync } from './device-sync';
import { EngineState, type EngineOptions } from './engine-state';
import { GroupSync } from './group-sync';
import { withPreviewAfterDeletion, type LocalConversation, type WireEnvelope } from './local-conversation';
import { Marks } from './marks';
import { withoutMessage, type ChatMessage } from './messages';
import { Outbox } from './outbox';
import type { PaymentRef } from '../../wallet';
import { Receiver } from './receiving';
import { Resends } from './resend';
import { Sender } from './sending';
import { withPin } from '../chat-order';

export type { EngineOptions } from './engine-state';

/** The device's list of pinned chats in its LocalDb. */
const PINNED_KEY = 'pinned';
export type { LocalConversation, WireEnvelope } from './local-conversation';
export { CommitRefused } from './commits';

/** Accounts whose trust records a conversation screen checks, at most. */
const KEY_WARNINGS_ACCOUNTS_MAX = 100;
/** The background check after connecting reuses directory answers this young (one per account). */
const DEVICE_CHECK_DIRECTORY_MAX_AGE_MILLIS = 120_000;

export class ChatEngine {
  readonly outbox: Outbox;
  readonly deviceSync: DeviceSync;
  readonly resends: Resends;
  private readonly state: EngineState;
  private readonly connection: Connection;
  private readonly marks: Marks;
  private readonly sender: Sender;
  private readonly groupSync: GroupSync;
  private readonly receiver: Receiver;
  /** Settles once the first key-package top-up after start finished (or failed). */
  keysReady: Promise<void> = Promise.resolve();

  constructor(private readonly options: EngineOptions) {
    const state = new EngineState(options);
    this.state = state;
    this.outbox = new Outbox(options.db);
    this.connection = new Connection({
      url: options.socketUrl,
      createSocket: options.createSocket,
      onFrame: (frame) => this.onFrame(frame),
      onStatus: (status) => {
        if (status !== 'online') state.ready = false;
        if (status === 'connecting') this.receiver.connecting();
        state.emit();
      },
      onTerminal: options.onTerminal,
    });
    this.resends = new Resends({
      deviceId: options.deviceId,
      db: options.db,
      sendControl: (id, payload) => this.sender.sendControl(id, payload),
      markUnavailable: (id, seqs) => this.receiver.markUnavailable(id, seqs),
      newId: newMessageId,
    });
    this.marks = new Marks(state, this.connection);
    // The sender listens to saved group states (state.onSaved) to release held outboxes.
    this.sender = new Sender(state, this.connection, this.outbox, this.resends);
    const commits = new Commits(state, this.connection);
    this.groupSync = new GroupSync(state, commits, this.sender, this.outbox);
    this.receiver = new Receiver(state, this.connection, {
      marks: this.marks,
      groupSync: this.groupSync,
      sender: this.sender,
      resends: this.resends,
    });
    const groupSync = this.groupSync;
    this.deviceSync = new DeviceSync(
      {
        deviceId: options.deviceId,
        leafDevices: async (id) => {
          const group = await state.group(id);
          return group && members(group).map((leaf) => leaf.deviceId);
        },
        addDevicesOf: (id, accountId) => groupSync.addDevicesOf(id, accountId),
        removeGoneLeaves: (id) => groupSync.removeGoneLeaves(id),
        addMissingDevices: (id) => groupSync.addMissingDevices(id, DEVICE_CHECK_DIRECTORY_MAX_AGE_MILLIS),
        readdLostDevices: (id, deviceIds) => groupSync.readdLostDevices(id, deviceIds),
        conversationIds: () => groupSync.groupConversationIds(),
      },
      options.deviceSync,
    );
  }

  // ---- lifecycle and observation ----

  async start(): Promise<void> {
    this.state.started(await this.options.keyring.start());
    this.keysReady = this.options.keyring.replenish().then(
      () => undefined,
      () => undefined,
    );
    this.connection.start();
  }

  stop(): void {
    this.receiver.stop();
    this.sender.stop();
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

  /** Grows whenever this device joins or leaves a conversation, so lists know to reload. */
  get listVersion(): number {
    return this.state.listVersion;
  }

  subscribe(listener: () => void): () => void {
    return this.state.subscribe(listener);
  }

  /** Tells `listener` of each new message from someone else once it is saved (not edits, not one's own). */
  subscribeIncoming(listener: (message: ChatMessage) => void): () => void {
    return this.state.subscribeIncoming(listener);
  }

  // ---- what the screens read ----

  conversation(conversationId: string): Promise<LocalConversation> {
    return this.state.conversation(conversationId);
  }

  messages(conversationId: string): Promise<ChatMessage[]> {
    return this.state.messages(conversationId);
  }

  hasGroup(conversationId: string): boolean {
    return this.state.hasGroup(conversationId);
  }

  /** Accounts typing in the conversation right now (their indicator lasts a few seconds). */
  typingAccounts(conversationId: string): string[] {
    return this.marks.typingAccounts(conversationId);
  }

  /** The accounts whose devices are leaves of the group, from the verified credentials. */
  async memberAccounts(conversationId: string): Promise<string[]> {
    const group = await this.state.group(conversationId);
    return group ? [...new Set(members(group).map((leaf) => leaf.accountId))] : [];
  }

  /** Members of the conversation whose keys changed since this device first saw them. */
  async keyWarnings(conversationId: string): Promise<string[]> {
    // Looked at on every change while a chat is open: large groups check their first members only.
    const accounts = (await this.memberAccounts(conversationId))
      .filter((id) => id !== this.options.accountId)
      .slice(0, KEY_WARNINGS_ACCOUNTS_MAX);
    const flagged = await Promise.all(
      accounts.map(async (accountId) =>
        (await this.options.keyring.trust(accountId))?.changedAt ? accountId : undefined,
      ),
    );
    return flagged.filter((accountId): accountId is string => accountId !== undefined);
  }

  async acceptKeys(accountId: string): Promise<void> {
    await this.options.keyring.acceptKeys(accountId);
    this.state.emit();
  }

  /** Conversations this account is no longer in whose details it kept (group-sync.ts). */
  formerConversations(): Promise<ConversationDetails[]> {
    return this.groupSync.formerConversations();
  }

  /**
   * Chats pinned to the top of the list, most recently pinned first. A setting of this device
   * (its local storage, like the history), not shared with the account's other devices.
   */
  async pinnedConversations(): Promise<string[]> {
    const stored = await this.options.db.get<string[]>(PINNED_KEY);
    return Array.isArray(stored) ? stored.filter((id) => typeof id === 'string') : [];
  }

  async setPinned(conversationId: string, pinned: boolean): Promise<void> {
    await this.state.run(async () => {
      await this.options.db.setMany([[PINNED_KEY, withPin(await this.pinnedConversations(), conversationId, pinned)]]);
    });
    this.state.emit();
  }

  // ---- marks and typing (marks.ts) ----

  /** The conversation is on screen: its messages are read. */
  async setOpenConversation(conversationId: string | undefined): Promise<void> {
    this.state.openConversationId = conversationId;
    if (conversationId) {
      await this.marks.markRead(conversationId);
      await this.marks.refreshMarks(conversationId);
    }
  }

  refreshMarks(conversationId: string): Promise<void> {
    return this.marks.refreshMarks(conversationId);
  }

  markRead(conversationId: string): Promise<void> {
    return this.marks.markRead(conversationId);
  }

  notifyTyping(conversationId: string): void {
    this.marks.notifyTyping(conversationId);
  }

  // ---- sending (sending.ts) ----

  /** Shows the message at once and queues it; it leaves when the connection is up. */
  sendText(conversationId: string, text: string, reply?: ReplyRef, mentions?: string[]): Promise<void> {
    return this.sender.sendText(conversationId, text, reply, mentions);
  }

  editMessage(conversationId: string, targetKey: string, text: string): Promise<void> {
    return this.sender.editMessage(conversationId, targetKey, text);
  }

  recallMessage(conversationId: string, targetKey: string): Promise<void> {
    return this.sender.recallMessage(conversationId, targetKey);
  }

  /**
   * "Delete for me": the message leaves this device's stored history (it does not come back: its
   * envelope is already processed); the other members' and this account's other devices keep it.
   */
  async deleteForMe(conversationId: string, key: string): Promise<void> {
    await this.state.run(async () => {
      const list = withoutMessage(await this.state.messages(conversationId), key);
      const local = withPreviewAfterDeletion(await this.state.conversation(conversationId), list, key);
      await this.options.db.setMany([
        [`msgs:${conversationId}`, list],
        [`conv:${conversationId}`, local],
      ]);
      this.state.cacheMessages(conversationId, list);
      this.state.cacheConversation(conversationId, local);
    });
    this.state.emit();
  }

  sendPayment(conversationId: string, payment: PaymentRef): Promise<void> {
    return this.sender.sendPayment(conversationId, payment);
  }

  react(conversationId: string, targetKey: string, emoji: string): Promise<void> {
    return this.sender.react(conversationId, targetKey, emoji);
  }

  /** Sends a copy of a text or file to each chat, marked "forwarded" (end to end like any message). */
  forward(conversationIds: string[], message: ChatMessage): Promise<void> {
    return this.sender.forward(conversationIds, message);
  }

  sendFile(
    conversationId: string,
    file: { bytes: Uint8Array; name: string; mime: string; thumbnail?: string },
  ): Promise<void> {
    return this.sender.sendFile(conversationId, file);
  }

  sendVoice(conversationId: string, voice: { bytes: Uint8Array; mime: string; durationMillis: number }): Promise<void> {
    return this.sender.sendVoice(conversationId, voice);
  }

  openAttachment(file: FileRef): Promise<Blob> {
    return this.sender.openAttachment(file);
  }

  /** Sends queued messages in order while the connection is ready; stops at the first failure. */
  flush(): Promise<void> {
    return this.sender.flush();
  }

  // ---- membership (group-sync.ts) ----

  openDirect(peerAccountId: string): Promise<string> {
    return this.groupSync.openDirect(peerAccountId);
  }

  rememberDetails(conversationId: string, details: ConversationDetails): Promise<void> {
    return this.groupSync.rememberDetails(conversationId, details);
  }

  createGroup(name: string, accountIds: string[]): Promise<string> {
    return this.groupSync.createGroup(name, accountIds);
  }

  renameGroup(conversationId: string, name: string): Promise<void> {
    return this.groupSync.renameGroup(conversationId, name);
  }

  addMembers(conversationId: string, accountIds: string[]): Promise<void> {
    return this.groupSync.addMembers(conversationId, accountIds);
  }

  removeMember(conversationId: string, accountId: string): Promise<void> {
    return this.groupSync.removeMember(conversationId, accountId);
  }

  leave(conversationId: string): Promise<void> {
    return this.groupSync.leave(conversationId);
  }

  addMissingDevices(conversationId: string, directoryMaxAgeMillis = 0): Promise<void> {
    return this.groupSync.addMissingDevices(conversationId, directoryMaxAgeMillis);
  }

  // ---- frames from the server ----

  private onFrame(frame: ServerFrame): void {
    const state = this.state;
    switch (frame.type) {
      case 'envelopes':
        void state
          .run(() => this.receiver.receiveEnvelopes(String(frame.conversationId), frame.envelopes as WireEnvelope[]))
          .then(
            () => state.emit(),
            (error) => console.warn('envelopes not processed', error),
          );
        break;
      case 'item':
        if (frame.kind === 'welcome') {
          void state
            .run(() => this.receiver.receiveWelcome(frame))
            .then(
              () => state.emit(),
              (error) => console.warn('welcome not processed', error),
            );
        }
        break;
      case 'ready':
        this.onReady();
        break;
      case 'typing':
        this.marks.receiveTyping(String(frame.conversationId), String(frame.accountId));
        break;
      case 'read':
        void state
          .run(() => this.marks.receiveRead(String(frame.conversationId), String(frame.accountId), Number(frame.seq)))
          .then(() => state.emit());
        break;
      case 'delivered':
        void state
          .run(() => this.marks.receiveDelivered(String(frame.conversationId), frame.marks))
          .then(() => state.emit());
        break;
      case 'membership':
        this.onMembership(frame);
        break;
      default:
        break;
    }
  }

  private onReady(): void {
    this.state.ready = true;
    this.connection.markReady();
    // The catch-up before `ready` brought every commit there is: nothing waits any more.
    this.sender.connected();
    this.receiver.connected();
    void this.state.run(async () => this.marks.sendPendingReads()).then(() => this.sender.flush());
    void this.groupSync.askAgainToRejoin();
    this.deviceSync.connected();
    void this.resends.connected();
    if (this.state.openConversationId) void this.marks.refreshMarks(this.state.openConversationId);
    this.options.keyring.replenish().catch(() => undefined);
  }

  private onMembership(frame: ServerFrame): void {
    const conversationId = String(frame.conversationId);
    if (frame.event === 'left' && typeof frame.accountId === 'string') {
      // The server dropped the leaver at once; some remaining member must take its leaves out
      // of the MLS tree. Every device tries; after the first commit the others find nothing to do.
      this.groupSync
        .removeLeavesOf(conversationId, frame.accountId)
        .catch((error: unknown) => console.warn('leaver not removed from the group', error));
    }
    if (frame.event === 'rejoin' && typeof frame.deviceId === 'string') {
      this.deviceSync
        .rejoinRequested(conversationId, frame.deviceId)
        .catch((error: unknown) => console.warn('rejoin request not handled', String(error)));
    }
    if (frame.event === 'device_added' && typeof frame.accountId === 'string' && typeof frame.deviceId === 'string') {
      this.deviceSync
        .deviceAnnounced(conversationId, frame.accountId, frame.deviceId)
        .catch((error: unknown) => console.warn('device announcement not handled', String(error)));
    }
    if (frame.event === 'device_removed' && typeof frame.deviceId === 'string') {
      this.deviceSync
        .deviceRemoved(conversationId, frame.deviceId)
        .catch((error: unknown) => console.warn('device removal not handled', String(error)));
    }
    if (frame.event === 'removed') {
      void this.state
        .run(async () => {
          await this.state.saveConversation(conversationId, {
            ...(await this.state.conversation(conversationId)),
            removed: true,
          });
          this.state.listVersion++;
        })
        .then(() => this.state.emit());
    }
  }
}
