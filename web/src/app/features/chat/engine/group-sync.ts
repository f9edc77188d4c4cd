// Keeps a conversation's MLS group in step with its membership: creating the group, adding and
// removing members and devices, leaving, taking out leaves that are gone, and adding back
// devices that lost their state. Each change is one commit (commits.ts); the server's member
// list is asked outside the serial MLS queue.
import type { ConversationDetails } from '../../../api/types';
import { epochOf, members, toBase64 } from '../../../mls/mls';
import { newMessageId, type MemberChange } from './codec';
import { goneLeaves, rosterOf, type Commits } from './commits';
import type { EngineState } from './engine-state';
import type { Outbox } from './outbox';
import type { Sender } from './sending';

/** A device that lost its group state asks to be added again at most this often. */
const REJOIN_ASK_EVERY_MILLIS = 60_000;
/** Rejoin requests of one conversation answered in one go, at most (each is a commit). */
const REJOINS_AT_ONCE_MAX = 8;
/** Groups up to this many members check for members' devices missing from the MLS group. */
const DEVICE_CHECK_MEMBERS_MAX = 50;
/** Members' names kept per conversation, at most (the newest win). */
const NAMES_KEPT_MAX = 1000;
/** Conversations looked at for the list of former ones, at most. */
const FORMER_LISTED_MAX = 1000;
/** Leaving waits this long, at most, for the server to take the "left" announcement. */
const LEAVE_ANNOUNCE_WAIT_MILLIS = 5_000;

type ClaimedKeyPackage = { bytes: Uint8Array; accountId: string; deviceId: string };

export class GroupSync {
  constructor(
    private readonly state: EngineState,
    private readonly commits: Commits,
    private readonly sender: Sender,
    private readonly outbox: Outbox,
  ) {}

  /** Opens (or makes) the direct conversation with a contact and sets up its MLS group. */
  async openDirect(peerAccountId: string): Promise<string> {
    const conversation = await this.state.options.api.createDirectConversation(peerAccountId);
    await this.ensureGroup(conversation.id, []);
    return conversation.id;
  }

  /**
   * Keeps the server's details of a conversation this account is a member of, for when it no
   * longer is (the server then answers 404): a removed member still sees the group's name and
   * who said what.
   */
  async rememberDetails(conversationId: string, details: ConversationDetails): Promise<void> {
    await this.state.run(async () => {
      const local = await this.state.conversation(conversationId);
      const seen = details.members
        .filter((member) => member.displayName)
        .map((member) => [member.accountId, member.displayName!] as const);
      const names = Object.fromEntries([...Object.entries(local.names ?? {}), ...seen].slice(-NAMES_KEPT_MAX));
      if (
        JSON.stringify(local.about) === JSON.stringify(details) &&
        JSON.stringify(local.names) === JSON.stringify(names)
      )
        return;
      await this.state.saveConversation(conversationId, { ...local, about: details, names });
    });
  }

  /**
   * Conversations this account is no longer in (removed, or it left) whose details it kept:
   * the server lists them no more, but their history stays readable here.
   */
  async formerConversations(): Promise<ConversationDetails[]> {
    const ids = (await this.state.conversationIds()).slice(0, FORMER_LISTED_MAX);
    const kept: ConversationDetails[] = [];
    for (const id of ids) {
      const local = await this.state.conversation(id);
      if (local.removed && local.about) kept.push(local.about);
    }
    return kept;
  }

  /** Makes a group with these first members, and tells them (encrypted) who created it. */
  async createGroup(name: string, accountIds: string[]): Promise<string> {
    const conversation = await this.state.options.api.createGroupConversation(name);
    await this.ensureGroup(conversation.id, accountIds);
    await this.announce(conversation.id, 'created', accountIds);
    return conversation.id;
  }

  /**
   * Renames a group: the server keeps the name (admins only, as when the group was made), and an
   * E2E message tells every member at once, who shows "X renamed the group to Y".
   */
  async renameGroup(conversationId: string, name: string): Promise<void> {
    await this.state.options.api.renameConversation(conversationId, name);
    await this.sender.queueMessage(conversationId, { type: 'rename', id: newMessageId(), sentAt: Date.now(), name });
    this.state.listVersion++;
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
    await this.sender.queueMessage(conversationId, { type: 'member', id, sentAt: Date.now(), change, accountIds });
    return id;
  }

  private async addAccounts(conversationId: string, accountIds: string[]): Promise<void> {
    const { keyring, deviceId } = this.state.options;
    const claimed = (await Promise.all(accountIds.map((accountId) => keyring.claim(accountId)))).flat();
    await this.commits.commitChange(
      conversationId,
      async (group, roster) => {
        const gone = goneLeaves(group, roster, deviceId);
        const result = await this.state.mls.addMembers(group, claimed, gone);
        return {
          result,
          fields: {
            membership: { addAccountIds: accountIds, removeAccountIds: [] },
            ...(gone.length > 0 ? { removeDeviceIds: gone } : {}),
            ...(result.welcome && claimed.length > 0
              ? { welcome: { ciphertext: toBase64(result.welcome), deviceIds: claimed.map((kp) => kp.deviceId) } }
              : {}),
          },
        };
      },
      { withRoster: true },
    );
  }

  /** Removes an account's devices from a group by one commit; the server drops the member with it. */
  async removeMember(conversationId: string, accountId: string): Promise<void> {
    await this.commits.commitChange(conversationId, async (group) => {
      const deviceIds = members(group)
        .filter((leaf) => leaf.accountId === accountId)
        .map((leaf) => leaf.deviceId);
      const result = await this.state.mls.removeDevices(group, deviceIds);
      return {
        result,
        fields: { membership: { addAccountIds: [], removeAccountIds: [accountId] }, removeDeviceIds: deviceIds },
      };
    });
    await this.announce(conversationId, 'removed', [accountId]);
  }

  /**
   * Leaves the group (the server drops this account at once) and forgets nothing locally. The
   * members are told first, by an encrypted "left" message (waited for a few seconds at most:
   * after leaving, the server would refuse it).
   */
  async leave(conversationId: string): Promise<void> {
    if (await this.state.group(conversationId)) {
      const id = await this.announce(conversationId, 'left', []);
      const deadline = Date.now() + LEAVE_ANNOUNCE_WAIT_MILLIS;
      while (Date.now() < deadline && (await this.outbox.list()).some((item) => item.clientMessageId === id)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    await this.state.options.api.leaveConversation(conversationId);
    await this.state.run(async () => {
      await this.state.saveConversation(conversationId, {
        ...(await this.state.conversation(conversationId)),
        removed: true,
        left: true,
      });
    });
    this.state.listVersion++;
    this.state.emit();
  }

  /** Commits the removal of an account's leaves after it left (no membership change to record). */
  async removeLeavesOf(conversationId: string, accountId: string): Promise<void> {
    await this.commits.commitChange(conversationId, async (group) => {
      const deviceIds = members(group)
        .filter((leaf) => leaf.accountId === accountId)
        .map((leaf) => leaf.deviceId);
      if (deviceIds.length === 0) return undefined;
      const result = await this.state.mls.removeDevices(group, deviceIds);
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
    const { api, keyring, accountId, deviceId } = this.state.options;
    const details = await api.getConversation(conversationId);
    let created = false;
    if (!(await this.state.group(conversationId))) {
      const isLeaf = details.members.some((member) => member.deviceIds.includes(deviceId));
      if (!isLeaf || details.conversation.epoch !== 0) return;
      created = await this.state.run(async () => {
        if (await this.state.group(conversationId)) return false;
        const group = await this.state.mls.createGroup(conversationId);
        await this.state.saveGroup(conversationId, group, {
          ...(await this.state.conversation(conversationId)),
          lastSeq: details.conversation.lastSeq,
        });
        return true;
      });
    }
    // Members without a leaf yet (the peer of a new direct chat), and, in a group this device
    // just made, the own account's other devices: one commit with one Welcome for all of them.
    const waiting = details.members
      .filter((member) => member.accountId !== accountId && member.deviceIds.length === 0)
      .map((member) => member.accountId);
    const accounts = created ? [...waiting, accountId] : waiting;
    const devicesIn = new Set(members((await this.state.group(conversationId))!).map((leaf) => leaf.deviceId));
    const claimed = (await Promise.all(accounts.map((account) => keyring.claim(account).catch(() => []))))
      .flat()
      .filter((kp) => !devicesIn.has(kp.deviceId));
    await this.addDevices(conversationId, claimed);
    if (addAccountIds.length > 0) await this.addAccounts(conversationId, addAccountIds);
    this.state.emit();
  }

  /**
   * Adds devices of current members that are not leaves yet — a member's new device, or a peer
   * whose device had no key package when the chat began — so every device of every member can
   * read what is sent from now on. Any member may commit this; groups above
   * DEVICE_CHECK_MEMBERS_MAX members are left to their admins' devices for now.
   */
  async addMissingDevices(conversationId: string, directoryMaxAgeMillis = 0): Promise<void> {
    const { api, keyring, deviceId } = this.state.options;
    const group = await this.state.group(conversationId);
    if (!group) return;
    const details = await api.getConversation(conversationId);
    if ((details.rejoinDeviceIds ?? []).length > 0) {
      await this.readdLostDevices(conversationId, details.rejoinDeviceIds!).catch((error: unknown) =>
        console.warn('device not added again', String(error)),
      );
    }
    if (details.members.length > DEVICE_CHECK_MEMBERS_MAX) return;
    const leaves = new Set(members(group).map((leaf) => leaf.deviceId));
    const lacking: string[] = [];
    for (const member of details.members) {
      // Asked afresh when a person opens a conversation (a device may be minutes old); the
      // background check after connecting shares one answer per account across conversations.
      const keys = await keyring.deviceKeys(member.accountId, directoryMaxAgeMillis).catch(() => []);
      if (keys.some((key) => !leaves.has(key.deviceId) && key.deviceId !== deviceId)) lacking.push(member.accountId);
    }
    const claimed = (await Promise.all(lacking.map((accountId) => keyring.claim(accountId).catch(() => []))))
      .flat()
      .filter((kp) => !leaves.has(kp.deviceId));
    // An add takes gone leaves out with it; with nothing to add, a commit of its own does.
    if (claimed.length > 0) await this.addDevices(conversationId, claimed);
    else if (goneLeaves(group, rosterOf(details), deviceId).length > 0) await this.removeGoneLeaves(conversationId);
  }

  /**
   * One commit taking out leaves that are gone (a member's logged-out or revoked device, a
   * leaver's devices) when there is nothing to add. Any member may commit it; one that loses the
   * race rebuilds on the winner's state and finds nothing left to do.
   */
  async removeGoneLeaves(conversationId: string): Promise<void> {
    await this.commits.commitChange(
      conversationId,
      async (group, roster) => {
        const gone = goneLeaves(group, roster, this.state.options.deviceId);
        if (gone.length === 0) return undefined;
        const result = await this.state.mls.removeDevices(group, gone);
        return { result, fields: { removeDeviceIds: gone } };
      },
      { withRoster: true },
    );
    this.state.emit();
  }

  /**
   * Devices that lost their group state and asked to be added again: one commit each removes the
   * old leaf and welcomes the device with a fresh key package. Every member may; the roster (the
   * server clears a request with that commit) keeps a second one from doing it again.
   */
  async readdLostDevices(conversationId: string, deviceIds: string[]): Promise<void> {
    for (const deviceId of deviceIds.slice(0, REJOINS_AT_ONCE_MAX)) {
      if (deviceId === this.state.options.deviceId) continue;
      const group = await this.state.group(conversationId);
      const leaf = group && members(group).find((candidate) => candidate.deviceId === deviceId);
      if (!leaf) continue;
      // Another member may have answered already: no key package is claimed for nothing then.
      if (!(await this.commits.roster(conversationId))?.rejoinDeviceIds.has(deviceId)) continue;
      const claimed = (await this.state.options.keyring.claim(leaf.accountId).catch(() => [])).filter(
        (kp) => kp.deviceId === deviceId,
      );
      if (claimed.length === 0) continue;
      await this.commits.commitChange(
        conversationId,
        async (current, roster) => {
          if (!roster || roster.epoch !== epochOf(current) || !roster.rejoinDeviceIds.has(deviceId)) return undefined;
          if (!members(current).some((candidate) => candidate.deviceId === deviceId)) return undefined;
          // Never the device itself: the server keeps a device asking to rejoin among the group's.
          const gone = goneLeaves(current, roster, this.state.options.deviceId).filter((id) => id !== deviceId);
          const result = await this.state.mls.addMembers(current, claimed, [deviceId, ...gone]);
          return {
            result,
            fields: {
              removeDeviceIds: [deviceId, ...gone],
              welcome: { ciphertext: toBase64(result.welcome!), deviceIds: [deviceId] },
            },
          };
        },
        { withRoster: true },
      );
    }
    this.state.emit();
  }

  /** After connecting: conversations whose group this device lost, asked about again. */
  async askAgainToRejoin(): Promise<void> {
    for (const id of await this.state.conversationIds()) {
      if ((await this.state.conversation(id)).lost) await this.askToRejoin(id);
    }
  }

  /** Asks the members to add this device again (at most every REJOIN_ASK_EVERY_MILLIS). */
  async askToRejoin(conversationId: string): Promise<void> {
    const local = await this.state.conversation(conversationId);
    if (!local.lost || local.removed) return;
    if (local.rejoinAskedAt !== undefined && Date.now() - local.rejoinAskedAt < REJOIN_ASK_EVERY_MILLIS) return;
    try {
      await this.state.options.api.requestRejoin(conversationId);
    } catch (error) {
      console.warn('could not ask to be added again', String(error)); // asked again after the next `ready`
      return;
    }
    await this.state.run(async () => {
      const now = await this.state.conversation(conversationId);
      if (now.lost) await this.state.saveConversation(conversationId, { ...now, rejoinAskedAt: Date.now() });
    });
  }

  /** Adds the account's devices that are not leaves yet (a member's new device), by one commit. */
  async addDevicesOf(conversationId: string, accountId: string): Promise<void> {
    const group = await this.state.group(conversationId);
    if (!group) return;
    const leaves = new Set(members(group).map((leaf) => leaf.deviceId));
    const claimed = (await this.state.options.keyring.claim(accountId)).filter((kp) => !leaves.has(kp.deviceId));
    await this.addDevices(conversationId, claimed);
  }

  /** Conversations this device is a leaf of, most recently active first. */
  async groupConversationIds(): Promise<string[]> {
    const ids = await this.state.conversationIds();
    const records = await Promise.all(ids.map(async (id) => ({ id, local: await this.state.conversation(id) })));
    return records
      .filter(({ local }) => local.state !== undefined && !local.removed)
      .sort((a, b) => (b.local.lastMessage?.sentAt ?? 0) - (a.local.lastMessage?.sentAt ?? 0))
      .map(({ id }) => id);
  }

  /** One commit adding these claimed devices (those not in the group by then), with their Welcome. */
  private async addDevices(conversationId: string, claimed: ClaimedKeyPackage[]): Promise<void> {
    if (claimed.length === 0) return;
    await this.commits.commitChange(
      conversationId,
      async (group, roster) => {
        const present = new Set(members(group).map((leaf) => leaf.deviceId));
        const fresh = claimed.filter((kp) => !present.has(kp.deviceId));
        if (fresh.length === 0) return undefined;
        const gone = goneLeaves(group, roster, this.state.options.deviceId);
        const result = await this.state.mls.addMembers(group, fresh, gone);
        return {
          result,
          fields: {
            welcome: { ciphertext: toBase64(result.welcome!), deviceIds: fresh.map((kp) => kp.deviceId) },
            ...(gone.length > 0 ? { removeDeviceIds: gone } : {}),
          },
        };
      },
      { withRoster: true },
    );
    this.state.emit();
  }
}
