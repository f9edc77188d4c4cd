// The state the chat engine's parts share: the device's options, the caches of group states,
// conversation records, messages and held changes, the one serial queue on which MLS state
// changes, and the listeners told about changes. Everything it keeps lives in the device's
// LocalDb:
//   conv:<id>     group state (encoded), last processed sequence number, unread count, the
//                 epoch joined at, others' read marks, the newest message for the list
//   msgs:<id>     the conversation's messages (bounded)
//   changes:<id>  edits and recalls that came before their message
//   commit:<id>   this device's commit sent but not yet confirmed, with the state it leads to
//   outbox        messages composed but not yet accepted by the server
//   pinned        the chats pinned to the top of the list (engine.ts; a setting of this device)
// Single-threaded like the page: the queue orders the asynchronous tasks, not threads.
import type { ChatApi } from '../api';
import type { Keyring } from '../../../mls/keyring';
import type { GroupState, MlsSession } from '../../../mls/mls';
import type { DeviceSyncOptions } from './device-sync';
import type { SocketLike } from './connection';
import type { LocalDb } from '../../../store/local-db';
import type { LocalConversation } from './local-conversation';
import type { ChatMessage } from './messages';
import type { PendingChange } from './message-changes';

export interface EngineOptions {
  db: LocalDb;
  api: Pick<
    ChatApi,
    | 'getConversation'
    | 'createDirectConversation'
    | 'createGroupConversation'
    | 'leaveConversation'
    | 'uploadAttachment'
    | 'downloadAttachment'
    | 'renameConversation'
    | 'requestRejoin'
  > &
    Partial<Pick<ChatApi, 'getConversationMarks'>>;
  keyring: Keyring;
  accountId: string;
  deviceId: string;
  socketUrl: () => string;
  createSocket?: (url: string) => SocketLike;
  onTerminal?: (code: number) => void;
  /** Timing of adding members' new devices (tests shorten it). */
  deviceSync?: DeviceSyncOptions;
}

export class EngineState {
  private readonly groups = new Map<string, GroupState>();
  private readonly conversations = new Map<string, LocalConversation>();
  private readonly messageCache = new Map<string, ChatMessage[]>();
  /** Edits and recalls that came before their message, per conversation (stored as `changes:<id>`). */
  private readonly heldChanges = new Map<string, PendingChange[]>();
  private readonly listeners = new Set<() => void>();
  private readonly incomingListeners = new Set<(message: ChatMessage) => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private mlsSession?: MlsSession;
  /** The connection said `ready`: its catch-up is done and sends may go. */
  ready = false;
  openConversationId?: string;
  /** Grows whenever this device joins or leaves a conversation, so lists know to reload. */
  listVersion = 0;
  /**
   * Told when a conversation's group state was saved, or its record saved as removed: the
   * sender releases an outbox held until the group reaches an epoch (or this device was removed).
   */
  onSaved: (conversationId: string, group: GroupState | undefined) => void = () => undefined;

  constructor(readonly options: EngineOptions) {}

  get mls(): MlsSession {
    if (!this.mlsSession) throw new Error('engine not started');
    return this.mlsSession;
  }

  started(session: MlsSession): void {
    this.mlsSession = session;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Listens for new messages from others, once they are saved (for notifications). */
  subscribeIncoming(listener: (message: ChatMessage) => void): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  tellIncoming(message: ChatMessage): void {
    for (const listener of [...this.incomingListeners]) {
      try {
        listener(message);
      } catch (error) {
        console.warn('incoming listener failed', String(error));
      }
    }
  }

  /** Runs `task` after every earlier task: the one place MLS state changes. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async conversation(conversationId: string): Promise<LocalConversation> {
    const cached = this.conversations.get(conversationId);
    if (cached) return cached;
    const stored = (await this.options.db.get<LocalConversation>(`conv:${conversationId}`)) ?? {
      lastSeq: 0,
      unread: 0,
    };
    this.conversations.set(conversationId, stored);
    return stored;
  }

  /** The record if it was loaded already (no waiting), for checks that run outside the queue. */
  cachedConversation(conversationId: string): LocalConversation | undefined {
    return this.conversations.get(conversationId);
  }

  async messages(conversationId: string): Promise<ChatMessage[]> {
    const cached = this.messageCache.get(conversationId);
    if (cached) return cached;
    const stored = (await this.options.db.get<ChatMessage[]>(`msgs:${conversationId}`)) ?? [];
    this.messageCache.set(conversationId, stored);
    return stored;
  }

  /** Keeps a message list in the cache that was just written together with other entries. */
  cacheMessages(conversationId: string, list: ChatMessage[]): void {
    this.messageCache.set(conversationId, list);
  }

  /** Keeps a conversation record in the cache that was just written together with other entries. */
  cacheConversation(conversationId: string, local: LocalConversation): void {
    this.conversations.set(conversationId, local);
  }

  hasGroup(conversationId: string): boolean {
    return this.groups.has(conversationId) || this.conversations.get(conversationId)?.state !== undefined;
  }

  /** The group state if it was loaded already (no waiting). */
  cachedGroup(conversationId: string): GroupState | undefined {
    return this.groups.get(conversationId);
  }

  async group(conversationId: string): Promise<GroupState | undefined> {
    const cached = this.groups.get(conversationId);
    if (cached) return cached;
    const local = await this.conversation(conversationId);
    if (!local.state) return undefined;
    const group = this.mls.decodeState(local.state);
    this.groups.set(conversationId, group);
    return group;
  }

  /** Saves a group state with its conversation record (and more entries) in one transaction. */
  async saveGroup(
    conversationId: string,
    group: GroupState,
    local: LocalConversation,
    extra: [string, unknown][] = [],
    deleted: string[] = [],
  ): Promise<void> {
    const updated = { ...local, state: this.mls.encodeState(group) };
    await this.options.db.setMany([[`conv:${conversationId}`, updated], ...extra]);
    if (deleted.length > 0) await this.options.db.delMany(deleted);
    this.groups.set(conversationId, group);
    this.conversations.set(conversationId, updated);
    this.onSaved(conversationId, group);
  }

  async held(conversationId: string): Promise<PendingChange[]> {
    const cached = this.heldChanges.get(conversationId);
    if (cached) return cached;
    const stored = await this.options.db.get<PendingChange[]>(`changes:${conversationId}`);
    const held = Array.isArray(stored) ? stored : [];
    this.heldChanges.set(conversationId, held);
    return held;
  }

  cacheHeld(conversationId: string, held: PendingChange[]): void {
    this.heldChanges.set(conversationId, held);
  }

  async saveConversation(conversationId: string, local: LocalConversation): Promise<void> {
    await this.options.db.setMany([[`conv:${conversationId}`, local]]);
    this.conversations.set(conversationId, local);
    if (local.removed) this.onSaved(conversationId, this.groups.get(conversationId));
  }

  /** Ids of every conversation this device keeps a record of. */
  async conversationIds(): Promise<string[]> {
    return (await this.options.db.keys('conv:')).map((key) => key.slice('conv:'.length));
  }
}
