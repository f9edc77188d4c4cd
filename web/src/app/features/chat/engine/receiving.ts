// The receiving half of the chat engine: `envelopes` frames are deduplicated by sequence number,
// processed in order (envelope-processing.ts), saved with the new group state in one
// transaction and acknowledged; a Welcome `item` joins the group. Envelopes for a group whose
// Welcome has not arrived yet are held and replayed after joining. A conversation whose next
// envelope or Welcome could not be processed for a passing reason stalls until the server
// sends it all again. Everything here runs on the engine's serial queue.
import { epochOf, fromBase64, type GroupState } from '../../../mls/mls';
import type { Connection, ServerFrame } from './connection';
import type { EngineState } from './engine-state';
import { passing, processEnvelope, type EnvelopeOutcome } from './envelope-processing';
import type { GroupSync } from './group-sync';
import { canRead, isVisible, withPreviewOf, type LocalConversation, type WireEnvelope } from './local-conversation';
import type { Marks } from './marks';
import { applyReaction, mergeMessage, unseenEnvelopes, type ChatMessage } from './messages';
import { applyHeld, applyOrHold, mentionsMe, type PendingChange } from './message-changes';
import { paymentPreview } from '../../wallet';
import type { Resends } from './resend';
import type { Sender } from './sending';

/** Envelopes held back per conversation while its Welcome has not arrived yet. */
const STASHED_ENVELOPES_MAX = 2000;
/** After a commit or Welcome could not be processed for a passing reason: first retry, and the most between retries. */
const STALL_RETRY_MILLIS = 2_000;
const STALL_RETRY_MILLIS_MAX = 60_000;

/** One `envelopes` frame's effect on a conversation, gathered envelope by envelope and saved at once. */
interface Batch {
  group: GroupState;
  local: LocalConversation;
  list: ChatMessage[];
  held: PendingChange[];
  /** Entries to delete with the save (an adopted pending commit). */
  deleted: string[];
  /** Envelopes this device could not decrypt: their senders are asked to send them again. */
  wanted: WireEnvelope[];
  /** Placeholders a resend filled. */
  filled: number[];
  requests: { from: string; seqs: number[] }[];
  /** This device lost its place in the group in this batch. */
  lostNow: boolean;
  /** New messages from others in this batch, told to the incoming listeners once saved. */
  incoming: ChatMessage[];
}

export interface ReceiverParts {
  marks: Marks;
  groupSync: GroupSync;
  sender: Sender;
  resends: Resends;
}

export class Receiver {
  private readonly stashed = new Map<string, WireEnvelope[]>();
  /**
   * Conversations whose next envelope or Welcome could not be processed for a passing reason (the
   * key directory was unreachable while checking a credential): nothing after it is processed
   * until the server sends it all again from this device's cursor, on the next connection.
   */
  private readonly stalled = new Set<string>();
  private stallRetries = 0;
  private stallTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly state: EngineState,
    private readonly connection: Connection,
    private readonly parts: ReceiverParts,
  ) {}

  /** A new socket: its catch-up re-delivers what stalled conversations did not process. */
  connecting(): void {
    // Queued behind the old socket's frames, which stalled conversations still ignore.
    if (this.stalled.size > 0) void this.state.run(async () => this.stalled.clear());
  }

  connected(): void {
    if (this.stalled.size === 0) this.stallRetries = 0;
  }

  stop(): void {
    clearTimeout(this.stallTimer);
  }

  async receiveEnvelopes(conversationId: string, envelopes: WireEnvelope[]): Promise<void> {
    if (this.stalled.has(conversationId)) return; // sent again after the reconnect
    const group = await this.state.group(conversationId);
    const local = await this.state.conversation(conversationId);
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
    const heldBefore = await this.state.held(conversationId);
    const batch: Batch = {
      group,
      local,
      list: await this.state.messages(conversationId),
      held: heldBefore,
      deleted: [],
      wanted: [],
      filled: [],
      requests: [],
      lostNow: false,
      incoming: [],
    };
    for (const envelope of fresh) {
      const outcome = await processEnvelope(
        this.state,
        conversationId,
        batch.group,
        envelope,
        batch.local.joinedEpoch ?? 0,
      );
      if (outcome.retry) {
        // Not processed and not acknowledged: what came before is kept, the rest comes again.
        this.stall(conversationId);
        break;
      }
      this.apply(conversationId, batch, envelope, outcome);
    }
    await this.save(conversationId, batch, heldBefore);
  }

  /** Applies one envelope's outcome to the batch (history, held changes, the conversation record). */
  private apply(conversationId: string, batch: Batch, envelope: WireEnvelope, outcome: EnvelopeOutcome): void {
    batch.group = outcome.group;
    if (outcome.pendingAdopted) batch.deleted.push(`commit:${conversationId}`);
    if (outcome.removed && batch.local.left) outcome.message = undefined;
    if (outcome.removed) batch.local = { ...batch.local, removed: true };
    if (outcome.lost && !batch.local.lost) {
      batch.local = { ...batch.local, lost: true };
      batch.lostNow = true;
    }
    if (outcome.wanted) batch.wanted.push(envelope);
    if (outcome.resendRequest) batch.requests.push(outcome.resendRequest);
    const replaced = outcome.resendOf !== undefined && this.fillPlaceholder(batch, envelope, outcome, outcome.resendOf);
    if (outcome.reaction) {
      batch.list = applyReaction(
        batch.list,
        outcome.reaction.target,
        outcome.reaction.accountId,
        outcome.reaction.emoji,
      );
    }
    if (outcome.change) {
      // Its message may not be here yet (it comes later as a resend): then it waits for it.
      ({ list: batch.list, pending: batch.held } = applyOrHold(batch.list, batch.held, outcome.change));
      batch.local = withPreviewOf(batch.local, batch.list, outcome.change.target);
    }
    if (outcome.message) this.addMessage(conversationId, batch, outcome.message, replaced);
    if (outcome.message && batch.held.length > 0) {
      const applied = applyHeld(batch.list, batch.held);
      batch.list = applied.list;
      batch.held = applied.pending;
      for (const target of applied.applied) batch.local = withPreviewOf(batch.local, batch.list, target);
    }
    batch.local = { ...batch.local, lastSeq: envelope.seq };
  }

  /**
   * A resend fills only the placeholder its own sender left at that seq; anything else is
   * dropped (and one already shown keeps its key, so it is not shown twice). True when it filled one.
   */
  private fillPlaceholder(batch: Batch, envelope: WireEnvelope, outcome: EnvelopeOutcome, of: number): boolean {
    const index = batch.list.findIndex(
      (message) =>
        message.seq === of && message.kind === 'undecryptable' && message.senderDeviceId === envelope.senderDeviceId,
    );
    if (index < 0) {
      outcome.message = undefined;
      outcome.reaction = undefined;
      outcome.change = undefined;
      return false;
    }
    batch.list = batch.list.filter((_, at) => at !== index);
    batch.filled.push(of);
    return true;
  }

  /** Adds a received message; a new one from someone else counts as unread unless the chat is on screen. */
  private addMessage(conversationId: string, batch: Batch, message: ChatMessage, replaced: boolean): void {
    const merged = mergeMessage(batch.list, message);
    batch.list = merged.list;
    if (message.kind === 'system') {
      if (merged.added) this.state.listVersion++; // the group's name changed: lists reload
      return;
    }
    // The typer has sent what they typed: their indicator goes now, not seconds later.
    if (merged.added) this.parts.marks.typingStopped(conversationId, message.senderAccountId);
    if (!merged.added || replaced || message.senderAccountId === this.state.options.accountId) return;
    const open = this.state.openConversationId === conversationId && isVisible();
    batch.incoming.push(message);
    const local = batch.local;
    batch.local = {
      ...local,
      unread: open ? 0 : local.unread + 1,
      mentioned: open ? false : local.mentioned || mentionsMe(message, this.state.options.accountId),
      lastMessage: {
        text: message.text ?? message.file?.name ?? (message.payment ? paymentPreview(message.payment) : ''),
        sentAt: message.sentAt,
        senderAccountId: message.senderAccountId,
        key: message.key,
      },
    };
  }

  /** Saves the batch in one transaction, acknowledges it, and starts what it asks for. */
  private async save(conversationId: string, batch: Batch, heldBefore: PendingChange[]): Promise<void> {
    const { local, list, held } = batch;
    const heldEntries: [string, unknown][] = held === heldBefore ? [] : [[`changes:${conversationId}`, held]];
    await this.state.saveGroup(
      conversationId,
      batch.group,
      local,
      [[`msgs:${conversationId}`, list], ...heldEntries],
      batch.deleted,
    );
    this.state.cacheHeld(conversationId, held);
    this.state.cacheMessages(conversationId, list);
    this.ack(conversationId, local.lastSeq);
    for (const message of batch.incoming) this.state.tellIncoming(message);
    const { resends, groupSync } = this.parts;
    // Not awaited: these send through this queue, behind the task running now.
    if (batch.lostNow) void groupSync.askToRejoin(conversationId);
    if (batch.wanted.length > 0) void resends.want(conversationId, batch.wanted);
    if (batch.filled.length > 0) void resends.fulfilled(conversationId, batch.filled);
    for (const request of batch.requests) {
      void resends
        .answer(conversationId, request.from, request.seqs)
        .catch((error: unknown) => console.warn('resend not answered', String(error)));
    }
    if (this.state.openConversationId === conversationId && isVisible() && canRead(local)) {
      this.connection.send({ type: 'read', conversationId, seq: local.lastSeq });
    }
  }

  async receiveWelcome(frame: ServerFrame): Promise<void> {
    const conversationId = String(frame.conversationId);
    const itemId = String(frame.itemId);
    const { keyring } = this.state.options;
    // A Welcome at or before what this device already processed was used before (re-delivery);
    // a later one adds this device again after it was removed, and replaces the old state.
    // A device that lost its place takes the Welcome that adds it again at the seq of the commit
    // (which it received, and could not process, just before).
    const before = await this.state.conversation(conversationId);
    if ((await this.state.group(conversationId)) && Number(frame.seq) <= before.lastSeq && !before.lost) {
      this.connection.send({ type: 'ack_items', itemIds: [itemId] });
      return;
    }
    let usedRef: string | undefined;
    try {
      const group = await this.state.mls.join(fromBase64(String(frame.payload)), async (ref) => {
        const found = await keyring.findKeyPackage(ref);
        if (found) usedRef = ref;
        return found;
      });
      // A device rejoining may have processed (as unreadable) envelopes past the commit: the
      // server goes on from there, so this device does too; their resends come on the new state.
      const local = {
        ...before,
        lastSeq: before.lost ? Math.max(before.lastSeq, Number(frame.seq)) : Number(frame.seq),
        joinFailed: false,
        removed: false,
        left: false,
        joinedEpoch: epochOf(group),
        lost: false,
        rejoinAskedAt: undefined,
      };
      await this.state.saveGroup(conversationId, group, local);
      this.state.listVersion++;
      // Not awaited: it asks the server, outside this queue.
      if (!before.state && Number(frame.seq) > 1) void this.noteHistoryBefore(conversationId, Number(frame.seq));
    } catch (error) {
      console.warn('could not join from the Welcome', String(error));
      if (passing(error)) {
        // Unacknowledged, the Welcome comes again with the next connection's catch-up.
        this.stall(conversationId);
        return;
      }
      await this.state.saveConversation(conversationId, {
        ...(await this.state.conversation(conversationId)),
        joinFailed: true,
        lost: true,
      });
      void this.parts.groupSync.askToRejoin(conversationId);
    }
    this.connection.send({ type: 'ack_items', itemIds: [itemId] });
    if (usedRef) await keyring.forgetKeyPackage(usedRef);
    keyring.replenish().catch(() => undefined);
    this.parts.resends.joined(conversationId);
    const stash = this.stashed.get(conversationId);
    this.stashed.delete(conversationId);
    if (stash && (await this.state.group(conversationId))) await this.receiveEnvelopes(conversationId, stash);
    // Messages written while waiting for this Welcome can leave now (not awaited: it queues
    // behind this task).
    void this.parts.sender.flush();
  }

  /**
   * A device that joined a conversation its account was in before the device existed (a new
   * device, a login after a logout) has none of the earlier messages: MLS keys them for the
   * devices that were there. The chat says so plainly at the point this device came in.
   */
  private async noteHistoryBefore(conversationId: string, joinedSeq: number): Promise<void> {
    const { api, keyring, accountId, deviceId, db } = this.state.options;
    try {
      const [details, keys] = await Promise.all([
        api.getConversation(conversationId),
        keyring.deviceKeys(accountId, 0),
      ]);
      const accountJoinedAt = Date.parse(
        details.members.find((member) => member.accountId === accountId)?.joinedAt ?? '',
      );
      const deviceCreatedAt = Date.parse(keys.find((key) => key.deviceId === deviceId)?.createdAt ?? '');
      if (!(accountJoinedAt < deviceCreatedAt)) return; // the account joined with this device: nothing was missed
      await this.state.run(async () => {
        const notice: ChatMessage = {
          key: `history:${deviceId}`,
          conversationId,
          seq: joinedSeq,
          kind: 'system',
          system: { event: 'history' },
          senderAccountId: accountId,
          senderDeviceId: deviceId,
          sentAt: Date.now(),
          status: 'received',
        };
        const list = mergeMessage(await this.state.messages(conversationId), notice).list;
        await db.setMany([[`msgs:${conversationId}`, list]]);
        this.state.cacheMessages(conversationId, list);
      });
      this.state.emit();
    } catch (error) {
      console.warn('could not tell whether earlier messages are missing', String(error));
    }
  }

  /** The placeholders at these seqs will not be filled (resend.ts): they say so. */
  async markUnavailable(conversationId: string, seqs: number[]): Promise<void> {
    await this.state.run(async () => {
      const list = (await this.state.messages(conversationId)).map((message) =>
        message.kind === 'undecryptable' && message.seq !== undefined && seqs.includes(message.seq)
          ? { ...message, resend: 'unavailable' as const }
          : message,
      );
      await this.state.options.db.setMany([[`msgs:${conversationId}`, list]]);
      this.state.cacheMessages(conversationId, list);
    });
    this.state.emit();
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
}
