// Read marks, delivery marks and typing for the chat engine: what this device tells the others
// (read up to, typing now) and what it hears from them. Runs on the engine's serial queue
// where it changes conversation records.
import type { Connection } from './connection';
import type { EngineState } from './engine-state';
import { canRead } from './local-conversation';

/** Read marks remembered per conversation, at most (the newest win). */
const READ_MARKS_MAX = 1000;
const TYPING_SHOWN_MILLIS = 5_000;
const TYPING_SENT_EVERY_MILLIS = 2_500;

export class Marks {
  private readonly typing = new Map<string, Map<string, number>>();
  private readonly lastTypingSent = new Map<string, number>();
  /** Read marks waiting for the connection's catch-up (the server refuses marks past what it delivered). */
  private readonly pendingReads = new Set<string>();

  constructor(
    private readonly state: EngineState,
    private readonly connection: Connection,
  ) {}

  /** Accounts typing in the conversation right now (their indicator lasts a few seconds). */
  typingAccounts(conversationId: string): string[] {
    const now = Date.now();
    const byAccount = this.typing.get(conversationId);
    if (!byAccount) return [];
    return [...byAccount.entries()].filter(([, until]) => until > now).map(([accountId]) => accountId);
  }

  /** The typer has sent what they typed: their indicator goes now, not seconds later. */
  typingStopped(conversationId: string, accountId: string): void {
    this.typing.get(conversationId)?.delete(accountId);
  }

  /**
   * Asks the server how far the other members received (their devices' cursors) and read (when
   * they share it) the conversation, and keeps the higher of that and the live marks: `delivered`
   * and `read` frames are live only, so a device that was offline missed them.
   */
  async refreshMarks(conversationId: string): Promise<void> {
    const { api, accountId } = this.state.options;
    const fetch = api.getConversationMarks;
    if (!fetch) return;
    let answer: Awaited<ReturnType<typeof fetch>>;
    try {
      answer = await fetch.call(api, conversationId);
    } catch (error) {
      console.warn('marks not fetched', String(error)); // offline: the live frames and next open catch up
      return;
    }
    const marks = Array.isArray(answer?.marks) ? answer.marks.slice(0, READ_MARKS_MAX) : [];
    await this.state.run(async () => {
      const local = await this.state.conversation(conversationId);
      const delivered = { ...local.deliveredUpTo };
      const read = { ...local.readUpTo };
      let changed = false;
      for (const mark of marks) {
        if (typeof mark?.accountId !== 'string' || mark.accountId === accountId) continue;
        if (Number.isSafeInteger(mark.deliveredSeq) && mark.deliveredSeq > (delivered[mark.accountId] ?? 0)) {
          delivered[mark.accountId] = mark.deliveredSeq;
          changed = true;
        }
        if (
          mark.readSeq !== undefined &&
          Number.isSafeInteger(mark.readSeq) &&
          mark.readSeq > (read[mark.accountId] ?? 0)
        ) {
          read[mark.accountId] = mark.readSeq;
          changed = true;
        }
      }
      if (!changed) return;
      await this.state.saveConversation(conversationId, {
        ...local,
        deliveredUpTo: newest(delivered),
        readUpTo: newest(read),
      });
    });
    this.state.emit();
  }

  async markRead(conversationId: string): Promise<void> {
    await this.state.run(async () => {
      const local = await this.state.conversation(conversationId);
      if (local.unread === 0 && !local.mentioned) return;
      await this.state.saveConversation(conversationId, { ...local, unread: 0, mentioned: false });
      // A device that cannot read the chat marks nothing read: others would count it as a reader.
      if (!canRead(local)) return;
      // Before `ready` the server has not yet re-delivered what this device processed on its last
      // connection (its cursor may lag): a mark sent now would be refused. `ready` sends it.
      if (this.state.ready) this.connection.send({ type: 'read', conversationId, seq: local.lastSeq });
      else this.pendingReads.add(conversationId);
    });
    this.state.emit();
  }

  notifyTyping(conversationId: string): void {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(conversationId) ?? 0) < TYPING_SENT_EVERY_MILLIS) return;
    this.lastTypingSent.set(conversationId, now);
    this.connection.send({ type: 'typing', conversationId });
  }

  /** After `ready`: the read marks made while the connection was catching up. */
  async sendPendingReads(): Promise<void> {
    for (const conversationId of [...this.pendingReads]) {
      this.pendingReads.delete(conversationId);
      const local = await this.state.conversation(conversationId);
      if (local.lastSeq > 0 && !local.removed && canRead(local))
        this.connection.send({ type: 'read', conversationId, seq: local.lastSeq });
    }
  }

  async receiveRead(conversationId: string, accountId: string, seq: number): Promise<void> {
    if (!Number.isSafeInteger(seq)) return;
    const local = await this.state.conversation(conversationId);
    if (accountId === this.state.options.accountId) {
      // Read on another device of this account.
      if (local.unread > 0 && seq >= local.lastSeq) {
        await this.state.saveConversation(conversationId, { ...local, unread: 0, mentioned: false });
      }
      return;
    }
    if ((local.readUpTo?.[accountId] ?? 0) >= seq) return;
    await this.state.saveConversation(conversationId, {
      ...local,
      readUpTo: newest({ ...local.readUpTo, [accountId]: seq }),
    });
  }

  /** Others' delivery marks: an account's device acknowledged up to seq (the newest marks are kept). */
  async receiveDelivered(conversationId: string, marks: unknown): Promise<void> {
    if (!Array.isArray(marks)) return;
    const local = await this.state.conversation(conversationId);
    const delivered = { ...local.deliveredUpTo };
    let changed = false;
    for (const mark of marks.slice(0, READ_MARKS_MAX) as { accountId?: unknown; seq?: unknown }[]) {
      if (typeof mark?.accountId !== 'string' || !Number.isSafeInteger(mark.seq)) continue;
      if (mark.accountId === this.state.options.accountId || (delivered[mark.accountId] ?? 0) >= Number(mark.seq))
        continue;
      delivered[mark.accountId] = Number(mark.seq);
      changed = true;
    }
    if (!changed) return;
    await this.state.saveConversation(conversationId, { ...local, deliveredUpTo: newest(delivered) });
  }

  receiveTyping(conversationId: string, accountId: string): void {
    if (accountId === this.state.options.accountId) return;
    const byAccount = this.typing.get(conversationId) ?? new Map<string, number>();
    byAccount.set(accountId, Date.now() + TYPING_SHOWN_MILLIS);
    this.typing.set(conversationId, byAccount);
    this.state.emit();
    setTimeout(() => this.state.emit(), TYPING_SHOWN_MILLIS + 50);
  }
}

/** The READ_MARKS_MAX highest marks. */
function newest(marksOf: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(marksOf)
      .sort((a, b) => b[1] - a[1])
      .slice(0, READ_MARKS_MAX),
  );
}
