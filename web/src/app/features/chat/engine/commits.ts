// This device's MLS commits: built on the current group state, sent, and adopted when the
// server accepts them. The state a commit leads to is kept as `commit:<conversation>` until
// then (or until the commit comes back as this device's envelope after a lost answer). On
// `epoch_conflict` another member's commit won: the change is built again on the new state.
import type { ConversationDetails } from '../../../api/types';
import { epochOf, members, toBase64, type GroupState } from '../../../mls/mls';
import { newMessageId } from './codec';
import type { Connection, SendAnswer } from './connection';
import type { EngineState } from './engine-state';

const COMMIT_ATTEMPTS_MAX = 4;
const EPOCH_WAIT_MILLIS = 15_000;

/** This device's commit sent but not yet confirmed, with the state it leads to (`commit:<id>`). */
export interface PendingCommit {
  clientMessageId: string;
  epoch: number;
  state: Uint8Array;
}

/** The server's members of a conversation, as of one epoch. */
export interface Roster {
  epoch: number;
  accountIds: Set<string>;
  /** The members' devices the server counts as leaves (a logged-out or revoked device is not among them). */
  deviceIds: Set<string>;
  /** Leaves that lost their group state and asked to be added again. */
  rejoinDeviceIds: Set<string>;
}

/** A change to commit, built on the group's current state; undefined when nothing is left to change. */
export type CommitBuilder = (
  group: GroupState,
  roster: Roster | undefined,
) => Promise<{ result: { group: GroupState; commit: Uint8Array }; fields: Record<string, unknown> } | undefined>;

export class CommitRefused extends Error {
  constructor(readonly answer: SendAnswer) {
    super(answer.ok ? 'commit refused' : `commit refused: ${answer.code}`);
  }
}

export class Commits {
  /** Per conversation, the end of this device's queue of commits (one in flight at a time). */
  private readonly commitsInFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly state: EngineState,
    private readonly connection: Connection,
  ) {}

  /**
   * Builds a commit on the current state and sends it. On `epoch_conflict` another member's
   * commit won: wait until it has been processed, then build this change again on the new state.
   * This device's commits to one conversation go one at a time: a second one built while the
   * first awaits its answer would start from the same state and replace its pending state.
   */
  commitChange(conversationId: string, build: CommitBuilder, { withRoster = false } = {}): Promise<void> {
    const previous = this.commitsInFlight.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.commitChangeNow(conversationId, build, withRoster));
    const tail = next.catch(() => undefined);
    this.commitsInFlight.set(conversationId, tail);
    void tail.then(() => {
      if (this.commitsInFlight.get(conversationId) === tail) this.commitsInFlight.delete(conversationId);
    });
    return next;
  }

  private async commitChangeNow(conversationId: string, build: CommitBuilder, withRoster: boolean): Promise<void> {
    const { db } = this.state.options;
    for (let attempt = 1; attempt <= COMMIT_ATTEMPTS_MAX; attempt++) {
      const roster = withRoster ? await this.roster(conversationId) : undefined;
      const prepared = await this.state.run(async () => {
        const group = await this.state.group(conversationId);
        if (!group) throw new Error('no group state for this conversation');
        const built = await build(group, roster);
        if (!built) return undefined; // nothing left to change (another member did it)
        const { result, fields } = built;
        const pending: PendingCommit = {
          clientMessageId: newMessageId(),
          epoch: epochOf(group),
          state: this.state.mls.encodeState(result.group),
        };
        await db.setMany([[`commit:${conversationId}`, pending]]);
        return {
          pending,
          frame: {
            type: 'send',
            conversationId,
            clientMessageId: pending.clientMessageId,
            kind: 'commit',
            epoch: pending.epoch,
            ciphertext: toBase64(result.commit),
            ...fields,
          },
        };
      });
      if (!prepared) return;
      const answer = await this.connection.request(prepared.frame);
      if (answer.ok) {
        await this.state.run(() => this.adoptPendingCommit(conversationId, prepared.pending.clientMessageId));
        this.state.emit();
        return;
      }
      if (answer.status === 0) {
        // No answer (offline, timeout): the commit may have been stored. The pending state stays;
        // if the commit comes back as this device's envelope, that state is adopted then.
        throw new CommitRefused(answer);
      }
      await db.del(`commit:${conversationId}`);
      if (answer.code !== 'epoch_conflict') throw new CommitRefused(answer);
      const currentEpoch = Number(answer.frame?.currentEpoch ?? prepared.pending.epoch + 1);
      await this.waitForEpoch(conversationId, currentEpoch);
    }
    throw new CommitRefused({ ok: false, code: 'epoch_conflict', status: 409 });
  }

  private async adoptPendingCommit(conversationId: string, clientMessageId?: string): Promise<void> {
    const pending = await this.state.options.db.get<PendingCommit>(`commit:${conversationId}`);
    if (!pending || (clientMessageId && pending.clientMessageId !== clientMessageId)) return;
    const group = this.state.mls.decodeState(pending.state);
    await this.state.saveGroup(
      conversationId,
      group,
      await this.state.conversation(conversationId),
      [],
      [`commit:${conversationId}`],
    );
  }

  private waitForEpoch(conversationId: string, epoch: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const group = this.state.cachedGroup(conversationId);
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
      const unsubscribe = this.state.subscribe(check);
      check();
    });
  }

  /**
   * The server's member list and epoch, asked before each attempt's turn in the MLS queue: a
   * request inside it would hold every chat's incoming messages for as long as it takes.
   * Unreachable, it is left out and the add goes ahead without removing leavers' leaves.
   */
  async roster(conversationId: string): Promise<Roster | undefined> {
    try {
      return rosterOf(await this.state.options.api.getConversation(conversationId));
    } catch {
      return undefined;
    }
  }
}

export function rosterOf(details: ConversationDetails): Roster {
  return {
    epoch: details.conversation.epoch,
    accountIds: new Set(details.members.map((member) => member.accountId)),
    deviceIds: new Set(details.members.flatMap((member) => member.deviceIds)),
    rejoinDeviceIds: new Set(details.rejoinDeviceIds ?? []),
  };
}

/**
 * Leaves that are gone but whose removal nobody has committed yet: those of accounts that are no
 * longer members (they left), and devices that no longer exist (logged out or revoked: the
 * server deleted their keys and dropped them from the group's devices). An add takes them out in
 * the same commit: a device joining by the Welcome checks every leaf's credential, and the
 * directory shows it no keys for them, so it could never join. Only a roster of the state's own
 * epoch counts: one from before a re-add would take out the new leaf.
 */
export function goneLeaves(group: GroupState, roster: Roster | undefined, ownDeviceId: string): string[] {
  if (!roster || roster.epoch !== epochOf(group)) return [];
  return members(group)
    .filter(
      (leaf) =>
        leaf.deviceId !== ownDeviceId &&
        (!roster.accountIds.has(leaf.accountId) || !roster.deviceIds.has(leaf.deviceId)),
    )
    .map((leaf) => leaf.deviceId);
}
