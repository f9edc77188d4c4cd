// What one envelope does to a conversation: decrypted (or applied, for a commit) on the group
// state, it becomes an outcome — a message, a reaction, an edit or recall, a resend request, a
// removal, a loss of the group — that the receiver then applies to the conversation's history.
import { ApiError } from '../../../api/client';
import { epochOf, fromBase64, members, messageEpoch, type GroupState } from '../../../mls/mls';
import { decodePayload, type SendablePayload } from './codec';
import type { PendingCommit } from './commits';
import type { EngineState } from './engine-state';
import { messageFields, timed, type WireEnvelope } from './local-conversation';
import { messageKey, type ChatMessage } from './messages';
import type { MessageChange } from './message-changes';
import { decodeResendControl } from './resend';

export interface EnvelopeOutcome {
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

/** Processes one envelope on the group state (run on the engine's serial queue). */
export async function processEnvelope(
  state: EngineState,
  conversationId: string,
  group: GroupState,
  envelope: WireEnvelope,
  joinedEpoch: number,
): Promise<EnvelopeOutcome> {
  if (envelope.senderDeviceId === state.options.deviceId) return ownEnvelope(state, conversationId, group, envelope);
  if (envelope.kind === 'application' && sentBeforeJoining(envelope.ciphertext, joinedEpoch)) {
    // Encrypted for the group as it was before this device joined (its sender had not yet
    // processed the commit that added this device): this device cannot read it, but it was
    // sent after the add, so the sender's device is asked to send it again (resend.ts).
    return { group, message: placeholder(conversationId, envelope), wanted: true };
  }
  try {
    const result = await timed(envelope.kind === 'application' ? 'atrium-mls-decrypt' : 'atrium-mls-commit', () =>
      state.mls.process(group, fromBase64(envelope.ciphertext)),
    );
    if (result.kind === 'application') {
      return applicationOutcome(
        conversationId,
        envelope,
        result.group,
        result.sender,
        result.plaintext,
        state.options.deviceId,
      );
    }
    if (result.kind === 'commit') {
      if (!result.removedSelf) return { group: result.group };
      // This device's last envelope in the group: it says who removed it (a leaver has said so itself).
      const { accountId } = state.options;
      return {
        group: result.group,
        removed: true,
        message:
          envelope.senderAccountId === accountId
            ? undefined
            : {
                key: `removed:${envelope.seq}`,
                conversationId,
                seq: envelope.seq,
                kind: 'system',
                system: { event: 'member', change: 'removed', accountIds: [accountId] },
                senderAccountId: envelope.senderAccountId,
                senderDeviceId: envelope.senderDeviceId,
                sentAt: envelope.createdAt,
                serverAt: envelope.createdAt,
                status: 'received',
              },
      };
    }
    return { group: result.group };
  } catch (error) {
    console.warn(
      `could not process envelope ${envelope.seq} (${envelope.kind}, epoch ${envelope.epoch}) from ` +
        `${envelope.senderDeviceId} on ${state.options.deviceId} at epoch ${epochOf(group)}:`,
      String(error),
    );
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

/** This device's own message comes back: it is shown already, and MLS cannot decrypt it. */
async function ownEnvelope(
  state: EngineState,
  conversationId: string,
  group: GroupState,
  envelope: WireEnvelope,
): Promise<EnvelopeOutcome> {
  if (envelope.kind === 'commit') {
    const pending = await state.options.db.get<PendingCommit>(`commit:${conversationId}`);
    if (pending && pending.epoch === envelope.epoch && epochOf(group) === envelope.epoch) {
      return { group: state.mls.decodeState(pending.state), pendingAdopted: true };
    }
    // Its own commit took effect, but the state it leads to is gone: the group moved on without it.
    if (epochOf(group) === envelope.epoch) {
      console.warn(
        `own commit ${envelope.seq} (epoch ${envelope.epoch}) has no state to adopt on ${state.options.deviceId}`,
      );
      return { group, lost: true };
    }
  }
  return { group };
}

/** A decrypted application message: a resend request or resend, a reaction, a change or a message. */
function applicationOutcome(
  conversationId: string,
  envelope: WireEnvelope,
  group: GroupState,
  sender: { accountId: string; deviceId: string },
  plaintext: Uint8Array,
  ownDeviceId: string,
): EnvelopeOutcome {
  if (sender.accountId !== envelope.senderAccountId || sender.deviceId !== envelope.senderDeviceId) {
    throw new Error('the envelope names another sender than the MLS message');
  }
  const control = decodeResendControl(plaintext);
  if (control?.type === 'request') {
    return control.deviceId === ownDeviceId
      ? { group, resendRequest: { from: sender.deviceId, seqs: control.seqs } }
      : { group };
  }
  let payload = decodePayload(control ? control.inner : plaintext);
  const resendOf = control?.type === 'resend' ? control.of : undefined;
  if (payload.type === 'member') {
    const checked = checkedMemberChange(payload, sender.accountId, group);
    if (!checked) return { group, resendOf };
    payload = checked;
  }
  if (payload.type === 'reaction') {
    return { group, resendOf, reaction: { target: payload.target, accountId: sender.accountId, emoji: payload.emoji } };
  }
  if (payload.type === 'edit' || payload.type === 'recall') {
    return {
      group,
      resendOf,
      change: {
        type: payload.type,
        target: payload.target,
        accountId: sender.accountId,
        text: payload.type === 'edit' ? payload.text : undefined,
        sentAt: payload.sentAt,
        serverAt: envelope.createdAt,
      },
    };
  }
  return {
    group,
    resendOf,
    message: {
      ...(payload.type === 'unsupported' ? { kind: 'unsupported', sentAt: payload.sentAt } : messageFields(payload)),
      key: messageKey(sender.deviceId, payload.id),
      conversationId,
      seq: resendOf ?? envelope.seq,
      senderAccountId: sender.accountId,
      senderDeviceId: sender.deviceId,
      serverAt: envelope.createdAt,
      status: 'received',
    },
  };
}

/** A failure that may not happen next time: the network, or the server busy or failing. */
export function passing(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);
}

/** What stands in for a message this device could not decrypt, while it is asked for again. */
function placeholder(conversationId: string, envelope: WireEnvelope): ChatMessage {
  return {
    key: messageKey(envelope.senderDeviceId, `seq-${envelope.seq}`),
    conversationId,
    seq: envelope.seq,
    senderAccountId: envelope.senderAccountId,
    senderDeviceId: envelope.senderDeviceId,
    kind: 'undecryptable',
    sentAt: envelope.createdAt,
    status: 'received',
    resend: 'waiting',
  };
}

function sentBeforeJoining(ciphertext: string, joinedEpoch: number): boolean {
  try {
    const epoch = messageEpoch(fromBase64(ciphertext));
    return epoch !== undefined && epoch < joinedEpoch;
  } catch {
    return false;
  }
}

type MemberPayload = Extract<SendablePayload, { type: 'member' }>;

/**
 * A membership announcement as far as the group's MLS tree bears it out, or undefined: the
 * accounts said to be added (or the first members) have leaves, those said to be removed have
 * none, and a leaver speaks only for itself. Device changes never produce announcements.
 */
function checkedMemberChange(
  payload: MemberPayload,
  senderAccountId: string,
  group: GroupState,
): MemberPayload | undefined {
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
