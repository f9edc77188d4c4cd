import { describe, expect, it } from 'vitest';
import { committerRank, DeviceSync, type DeviceSyncHost } from './device-sync';

describe('committerRank', () => {
  it('gives every leaf a distinct place, the same on every device, and none to others', () => {
    const leaves = ['d1', 'd2', 'd3', 'd4'];
    const ranks = leaves.map((leaf) => committerRank('conv', 'new', leaves, leaf));
    expect([...ranks].sort()).toEqual([0, 1, 2, 3]);
    expect(leaves.map((leaf) => committerRank('conv', 'new', [...leaves].reverse(), leaf))).toEqual(ranks);
    expect(committerRank('conv', 'new', leaves, 'outsider')).toBe(-1);
    // Another device or conversation orders the leaves differently, so no one device adds them all.
    const firsts = new Set(
      ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'].map((device) =>
        leaves.find((leaf) => committerRank('conv', device, leaves, leaf) === 0),
      ),
    );
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe('DeviceSync', () => {
  function setup(leaves: string[], self: string) {
    const added: string[] = [];
    const readded: string[] = [];
    const removed: string[] = [];
    const checked: string[] = [];
    const timers: { callback: () => void; millis: number }[] = [];
    const now = { value: 0 };
    const host: DeviceSyncHost = {
      deviceId: self,
      leafDevices: async () => leaves,
      addDevicesOf: async (conversationId, accountId) => {
        added.push(`${conversationId}/${accountId}`);
      },
      addMissingDevices: async (conversationId) => {
        checked.push(conversationId);
      },
      readdLostDevices: async (conversationId, deviceIds) => {
        readded.push(`${conversationId}/${deviceIds.join(',')}`);
      },
      removeGoneLeaves: async (conversationId) => {
        removed.push(conversationId);
      },
      conversationIds: async () => ['c1', 'c2', 'c3'],
    };
    const sync = new DeviceSync(host, {
      stepMillis: 1000,
      ranksMax: 2,
      checkConversationsMax: 2,
      checkIntervalMillis: 60_000,
      setTimer: (callback, millis) => {
        timers.push({ callback, millis });
      },
      now: () => now.value,
    });
    return { sync, added, readded, removed, checked, timers, now };
  }

  it('waits according to its rank, does nothing past ranksMax or when the device is a leaf already', async () => {
    const leaves = ['d1', 'd2', 'd3'];
    const order = [...leaves].sort(
      (a, b) => committerRank('c', 'new', leaves, a) - committerRank('c', 'new', leaves, b),
    );
    const second = setup(leaves, order[1]!);
    await second.sync.deviceAnnounced('c', 'acct', 'new');
    expect(second.timers.map((timer) => timer.millis)).toEqual([1000]);
    await second.sync.deviceAnnounced('c', 'acct', 'new'); // the same announcement again: scheduled once
    expect(second.timers).toHaveLength(1);
    second.timers[0]!.callback();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(second.added).toEqual(['c/acct']);
    const third = setup(leaves, order[2]!);
    await third.sync.deviceAnnounced('c', 'acct', 'new');
    expect(third.timers).toEqual([]);
    const present = setup([...leaves, 'new'], order[0]!);
    await present.sync.deviceAnnounced('c', 'acct', 'new');
    expect(present.timers).toEqual([]);
  });

  it('re-adds a leaf that asks to rejoin by rank, once, and never itself or a device that is no leaf', async () => {
    const leaves = ['d1', 'd2', 'd3', 'lost'];
    const order = leaves
      .filter((leaf) => leaf !== 'lost')
      .sort((a, b) => committerRank('c', 'lost', leaves, a) - committerRank('c', 'lost', leaves, b));
    const first = setup(leaves, order[0]!);
    await first.sync.rejoinRequested('c', 'lost');
    await first.sync.rejoinRequested('c', 'lost'); // asked again: scheduled once
    expect(first.timers.map((timer) => timer.millis)).toEqual([0]);
    first.timers[0]!.callback();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(first.readded).toEqual(['c/lost']);
    const second = setup(leaves, order[1]!);
    await second.sync.rejoinRequested('c', 'lost');
    expect(second.timers.map((timer) => timer.millis)).toEqual([1000]);
    const third = setup(leaves, order[2]!);
    await third.sync.rejoinRequested('c', 'lost');
    expect(third.timers, 'past ranksMax').toEqual([]);
    const itself = setup(leaves, 'lost');
    await itself.sync.rejoinRequested('c', 'lost');
    expect(itself.timers).toEqual([]);
    const notALeaf = setup(['d1', 'd2'], 'd1');
    await notALeaf.sync.rejoinRequested('c', 'elsewhere');
    expect(notALeaf.timers).toEqual([]);
  });

  it("removes a logged-out device's leaf by rank, once, and nothing for a device that is no leaf", async () => {
    const leaves = ['d1', 'd2', 'd3', 'gone'];
    const order = leaves
      .filter((leaf) => leaf !== 'gone')
      .sort((a, b) => committerRank('c', 'gone', leaves, a) - committerRank('c', 'gone', leaves, b));
    const first = setup(leaves, order[0]!);
    await first.sync.deviceRemoved('c', 'gone');
    await first.sync.deviceRemoved('c', 'gone'); // heard again: scheduled once
    expect(first.timers.map((timer) => timer.millis)).toEqual([0]);
    first.timers[0]!.callback();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(first.removed).toEqual(['c']);
    const second = setup(leaves, order[1]!);
    await second.sync.deviceRemoved('c', 'gone');
    expect(second.timers.map((timer) => timer.millis)).toEqual([1000]);
    const notALeaf = setup(['d1', 'd2'], 'd1');
    await notALeaf.sync.deviceRemoved('c', 'gone');
    expect(notALeaf.timers).toEqual([]);
  });

  it('checks a bounded number of conversations per connect, each at most once per interval', async () => {
    const { sync, checked, now } = setup(['d1'], 'd1');
    expect(await sync.checkConversations()).toBe(2);
    expect(await sync.checkConversations()).toBe(1);
    expect(await sync.checkConversations()).toBe(0);
    now.value += 60_000;
    expect(await sync.checkConversations()).toBe(2);
    expect(checked).toEqual(['c1', 'c2', 'c3', 'c1', 'c2']);
  });
});
