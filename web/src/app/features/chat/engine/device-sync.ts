// Adds members' new devices to this device's MLS groups without anyone opening a chat
// (docs/decisions/0004): a device receives a conversation only from the commit that adds it.
//
// Two triggers:
//  - live: the server announces a device's first key packages to the conversations of its
//    account (`membership` frame, event `device_added`). Every leaf of the group hears it; they
//    rank themselves by a hash of (conversation, new device, leaf) — the same order on every
//    device — and the leaf ranked k waits k steps, then commits the add unless the device is a
//    leaf by then. So one device commits when the first-ranked is online, and the next ones
//    step in when it is not. Two that race meet `epoch_conflict`: the loser processes the
//    winner's commit, rebuilds its change, finds the device present and commits nothing.
//  - background: after each `ready`, the conversations this device is in are checked for
//    members' devices missing from the group, a few at a time and at most once per conversation
//    per interval (this covers devices announced while everyone who would add them was offline).
//
// A device that logged out or was revoked (`membership` `device_removed`) leaves its leaf behind:
// the ranked leaves step in the same way to commit its removal.
//
// A leaf that lost its group state and asks to rejoin (`membership` `rejoin`) is re-added the
// same way: ranked leaves step in one after another, and the background check (which reads the
// conversation's `rejoinDeviceIds`) covers requests made while nobody was connected.

export interface DeviceSyncHost {
  readonly deviceId: string;
  /** Device ids of the group's leaves, or undefined when this device has no group state. */
  leafDevices(conversationId: string): Promise<string[] | undefined>;
  /** One commit adding the account's devices that are not leaves yet (no-op if none). */
  addDevicesOf(conversationId: string, accountId: string): Promise<void>;
  /** One commit removing the leaves of devices that no longer exist (and of leavers), if any are left. */
  removeGoneLeaves(conversationId: string): Promise<void>;
  /** One commit each removing these leaves and welcoming them anew, if they still ask to rejoin. */
  readdLostDevices(conversationId: string, deviceIds: string[]): Promise<void>;
  /** Checks every member's devices against the group and adds the missing ones. */
  addMissingDevices(conversationId: string): Promise<void>;
  /** Conversations this device has a group state for, most recently active first. */
  conversationIds(): Promise<string[]>;
}

export interface DeviceSyncOptions {
  /** How long the leaf ranked k waits before committing: k times this. */
  stepMillis?: number;
  /** Leaves ranked at or past this never commit live (the background check is the last resort). */
  ranksMax?: number;
  /** Conversations checked after a connect, at most. */
  checkConversationsMax?: number;
  /** A conversation is checked in the background at most once per this interval. */
  checkIntervalMillis?: number;
  /** Delay before the background check starts (catch-up and the outbox go first). */
  checkDelayMillis?: number;
  setTimer?: (callback: () => void, millis: number) => unknown;
  now?: () => number;
}

/** Announcements acted on at once, at most; more are dropped (the background check covers them). */
const SCHEDULED_MAX = 200;

export class DeviceSync {
  private readonly stepMillis: number;
  private readonly ranksMax: number;
  private readonly checkConversationsMax: number;
  private readonly checkIntervalMillis: number;
  private readonly checkDelayMillis: number;
  private readonly setTimer: (callback: () => void, millis: number) => unknown;
  private readonly now: () => number;
  private readonly scheduled = new Set<string>();
  private readonly lastChecked = new Map<string, number>();
  private checking = false;
  private stopped = false;

  constructor(
    private readonly host: DeviceSyncHost,
    options: DeviceSyncOptions = {},
  ) {
    this.stepMillis = options.stepMillis ?? 4_000;
    this.ranksMax = options.ranksMax ?? 4;
    this.checkConversationsMax = options.checkConversationsMax ?? 20;
    this.checkIntervalMillis = options.checkIntervalMillis ?? 10 * 60_000;
    this.checkDelayMillis = options.checkDelayMillis ?? 3_000;
    this.setTimer = options.setTimer ?? ((callback, millis) => setTimeout(callback, millis));
    this.now = options.now ?? Date.now;
  }

  stop(): void {
    this.stopped = true;
  }

  /** The server announced `deviceId` of `accountId` to `conversationId`. */
  async deviceAnnounced(conversationId: string, accountId: string, deviceId: string): Promise<void> {
    await this.inTurn(conversationId, deviceId, `${conversationId}/${deviceId}`, false, () =>
      this.addIfStillMissing(conversationId, accountId, deviceId).catch((error: unknown) =>
        console.warn('new device not added', String(error)),
      ),
    );
  }

  /** The server says the leaf `deviceId` logged out or was revoked: its leaf is to leave the group. */
  async deviceRemoved(conversationId: string, deviceId: string): Promise<void> {
    await this.inTurn(conversationId, deviceId, `${conversationId}/${deviceId}/removed`, true, () =>
      this.removeIfStillThere(conversationId, deviceId).catch((error: unknown) =>
        console.warn('logged-out device not removed', String(error)),
      ),
    );
  }

  /** The server says the leaf `deviceId` lost its group state and asks to be added again. */
  async rejoinRequested(conversationId: string, deviceId: string): Promise<void> {
    await this.inTurn(conversationId, deviceId, `${conversationId}/${deviceId}/rejoin`, true, () =>
      this.host
        .readdLostDevices(conversationId, [deviceId])
        .catch((error: unknown) => console.warn('device not added again', String(error))),
    );
  }

  /**
   * Runs `act` after this leaf's turn (rank × step) for `deviceId`, once per key at a time;
   * nothing when it ranks past ranksMax, or when the device's being a leaf is not `leaf`.
   */
  private async inTurn(
    conversationId: string,
    deviceId: string,
    key: string,
    leaf: boolean,
    act: () => Promise<void>,
  ): Promise<void> {
    if (deviceId === this.host.deviceId) return;
    if (this.scheduled.has(key) || this.scheduled.size >= SCHEDULED_MAX) return;
    const leaves = await this.host.leafDevices(conversationId);
    if (!leaves || leaves.includes(deviceId) !== leaf) return;
    const rank = committerRank(conversationId, deviceId, leaves, this.host.deviceId);
    if (rank < 0 || rank >= this.ranksMax) return;
    this.scheduled.add(key);
    this.setTimer(() => {
      void (this.stopped ? Promise.resolve() : act()).finally(() => this.scheduled.delete(key));
    }, rank * this.stepMillis);
  }

  private async addIfStillMissing(conversationId: string, accountId: string, deviceId: string): Promise<void> {
    if (this.stopped) return;
    const leaves = await this.host.leafDevices(conversationId);
    if (!leaves || leaves.includes(deviceId)) return;
    await this.host.addDevicesOf(conversationId, accountId);
  }

  private async removeIfStillThere(conversationId: string, deviceId: string): Promise<void> {
    if (this.stopped) return;
    const leaves = await this.host.leafDevices(conversationId);
    if (!leaves || !leaves.includes(deviceId)) return;
    await this.host.removeGoneLeaves(conversationId);
  }

  /** The connection is ready: check some conversations for missing devices, in the background. */
  connected(): void {
    this.setTimer(() => {
      void this.checkConversations();
    }, this.checkDelayMillis);
  }

  /** Checks up to checkConversationsMax conversations not checked within the interval, one at a time. */
  async checkConversations(): Promise<number> {
    if (this.checking || this.stopped) return 0;
    this.checking = true;
    let checked = 0;
    try {
      for (const conversationId of await this.host.conversationIds()) {
        if (checked >= this.checkConversationsMax || this.stopped) break;
        const last = this.lastChecked.get(conversationId);
        if (last !== undefined && this.now() - last < this.checkIntervalMillis) continue;
        this.lastChecked.set(conversationId, this.now());
        checked++;
        await this.host
          .addMissingDevices(conversationId)
          .catch((error: unknown) => console.warn('missing devices not added', String(error)));
      }
    } finally {
      this.checking = false;
    }
    return checked;
  }
}

/**
 * This leaf's place in the order in which the group's leaves step in to add `newDeviceId`
 * (0 = first), or -1 when it is not a leaf. The order is a hash of conversation, new device and
 * leaf, so it differs per conversation and device and no one device does every add.
 */
export function committerRank(conversationId: string, newDeviceId: string, leaves: string[], self: string): number {
  if (!leaves.includes(self)) return -1;
  const order = [...new Set(leaves)]
    .filter((leaf) => leaf !== newDeviceId)
    .map((leaf) => ({ leaf, weight: fnv1a(`${conversationId}\u0000${newDeviceId}\u0000${leaf}`) }))
    .sort((a, b) => a.weight - b.weight || (a.leaf < b.leaf ? -1 : 1));
  return order.findIndex((entry) => entry.leaf === self);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
