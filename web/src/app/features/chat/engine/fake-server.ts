// For unit tests only: an in-memory stand-in for the server's delivery service and key
// directory that follows docs/websocket-protocol.md closely enough to run ChatEngines against
// each other (sequence numbers, one commit per epoch, Welcomes as items, cursors, catch-up).
import type {
  ClaimedKeyPackage,
  Conversation,
  ConversationDetails,
  ConversationMark,
  DeviceKey,
  KeyPackageUpload,
} from '../../../api/types';
import { ApiError } from '../../../api/client';
import type { KeysApi } from '../../../mls/keyring';
import type { ServerFrame, SocketLike } from './connection';
import type { WireEnvelope } from './engine';

interface FakeConversation {
  id: string;
  kind: 'direct' | 'group';
  epoch: number;
  envelopes: (WireEnvelope & { clientMessageId: string })[];
  members: Set<string>;
  leaves: Map<string, string>; // deviceId -> accountId
  name?: string;
  /** Leaves that lost their group state and asked to be added again. */
  rejoin?: Set<string>;
}

export class FakeServer {
  readonly conversations = new Map<string, FakeConversation>();
  readonly keys = new Map<string, DeviceKey[]>();
  readonly packages = new Map<string, { oneTime: KeyPackageUpload[]; lastResort?: KeyPackageUpload }>();
  readonly cursors = new Map<string, number>(); // `${deviceId}/${conversationId}`
  readonly items = new Map<string, ServerFrame[]>(); // deviceId -> pending items
  readonly sockets = new Map<string, FakeSocket>();
  readonly blobs = new Map<string, Uint8Array>();
  /** Envelopes every device connecting again receives twice, to exercise dedupe. */
  redeliver = false;
  /** Acks are not persisted (the real server flushes cursors in batches; a reload may beat the flush). */
  acksLost = false;
  /** Sends refused with epoch_conflict. */
  conflicts = 0;
  /**
   * Application messages on an older epoch are stored, as by a relay that does not hold senders
   * to the current epoch: members who joined since cannot decrypt them (resends recover them).
   */
  staleEpochsAccepted = false;
  /** Devices whose key-directory lookups fail as when the network drops (their socket stays up). */
  readonly directoryDownFor = new Set<string>();
  /**
   * Per account, the accounts whose keys the directory will not show it (the real server shows
   * them only to contacts and to members of a conversation with them).
   */
  readonly keysHiddenFrom = new Map<string, Set<string>>();
  /**
   * Per account, run once after its next conversation-details answer is made and before it is
   * returned: lets a test change the conversation while that answer is on its way.
   */
  readonly afterNextDetails = new Map<string, () => Promise<void>>();
  /** Logged-out devices are removed but no member hears of it live (as when none is connected). */
  removalsUnannounced = false;
  /** Rejoin requests are recorded but no member hears of them live (as when none is connected). */
  rejoinsUnannounced = false;
  /** Read marks per `${accountId}/${conversationId}` (the real server stores them as read cursors). */
  readonly readCursors = new Map<string, number>();
  /** Accounts that do not share read receipts: their read marks reach only their own devices. */
  readonly privateReaders = new Set<string>();
  /** `delivered` frames are not sent (the sender was offline when the recipient acknowledged). */
  deliveredFramesLost = false;
  /** Application sends refused with this status (e.g. 403), as when the server turns a message down for good. */
  refuseSends?: number;
  /** Delay between a socket opening and its catch-up frames, as on a busy server. */
  catchUpDelayMillis = 0;
  /** Devices whose live envelopes are held back (a slow link) until `release`. */
  readonly held = new Map<string, ServerFrame[]>();
  private readonly heldItems = new Set<string>();
  /** `ack` and `read` frames refused like the real server does (seq beyond what this connection delivered). */
  readonly refused: Record<string, unknown>[] = [];
  /** When each account joined each conversation (`${accountId}/${conversationId}`, ISO time). */
  private readonly joinedAt = new Map<string, string>();
  private ids = 0;

  keysApi(accountId: string, deviceId: string): KeysApi {
    const own = () => this.packages.get(deviceId) ?? { oneTime: [] };
    return {
      registerIdentityKey: async (ciphersuite, signaturePublicKey) => {
        const key = { deviceId, ciphersuite, signaturePublicKey, createdAt: new Date().toISOString() };
        this.keys.set(accountId, [...(this.keys.get(accountId) ?? []).filter((k) => k.deviceId !== deviceId), key]);
        return key;
      },
      listDeviceKeys: async (account) => {
        if (this.directoryDownFor.has(deviceId)) throw new ApiError(0, 'network_error', 'Failed to fetch');
        if (this.keysHiddenFrom.get(accountId)?.has(account)) throw new ApiError(404, 'not_found', 'No such account.');
        return this.keys.get(account) ?? [];
      },
      uploadKeyPackages: async (keyPackages, lastResort) => {
        if (!this.packages.has(deviceId)) setTimeout(() => this.announceDevice(accountId, deviceId), 0);
        const next = { oneTime: [...own().oneTime, ...keyPackages], lastResort: lastResort ?? own().lastResort };
        this.packages.set(deviceId, next);
        return { count: next.oneTime.length, lastResort: next.lastResort !== undefined };
      },
      countKeyPackages: async () => ({ count: own().oneTime.length, lastResort: own().lastResort !== undefined }),
      claimKeyPackages: async (account) => {
        const result: ClaimedKeyPackage[] = [];
        for (const key of this.keys.get(account) ?? []) {
          if (key.deviceId === deviceId) continue;
          const stored = this.packages.get(key.deviceId);
          const taken = stored?.oneTime.shift();
          const kp = taken ?? stored?.lastResort;
          if (kp)
            result.push({ deviceId: key.deviceId, ciphersuite: kp.ciphersuite, data: kp.data, lastResort: !taken });
        }
        return { keyPackages: result };
      },
    };
  }

  /**
   * A device logs out or is revoked, as the real server does it: its keys and key packages go,
   * its cursors go (so conversation details no longer list it among the group's devices and it
   * gets nothing more), its socket closes with 4001, and the connected leaves of each group it
   * was in hear `device_removed` (unless `removalsUnannounced`). Its leaves stay in the MLS
   * groups until a member commits their removal.
   */
  revokeDevice(accountId: string, deviceId: string): void {
    this.keys.set(
      accountId,
      (this.keys.get(accountId) ?? []).filter((key) => key.deviceId !== deviceId),
    );
    this.packages.delete(deviceId);
    this.items.delete(deviceId);
    const groups = [...this.conversations.values()].filter((c) => c.leaves.delete(deviceId));
    for (const c of this.conversations.values()) this.cursors.delete(`${deviceId}/${c.id}`);
    this.sockets.get(deviceId)?.drop(4001);
    this.sockets.delete(deviceId);
    for (const c of this.removalsUnannounced ? [] : groups) {
      for (const leaf of c.leaves.keys()) {
        this.sockets
          .get(leaf)
          ?.deliver({ type: 'membership', conversationId: c.id, event: 'device_removed', accountId, deviceId });
      }
    }
  }

  /** A device's first key packages: the connected leaves of its account's conversations hear of it. */
  private announceDevice(accountId: string, deviceId: string): void {
    for (const c of this.conversations.values()) {
      if (!c.members.has(accountId)) continue;
      for (const leaf of c.leaves.keys()) {
        if (leaf !== deviceId)
          this.sockets
            .get(leaf)
            ?.deliver({ type: 'membership', conversationId: c.id, event: 'device_added', accountId, deviceId });
      }
    }
  }

  conversationsApi(accountId: string, deviceId: string) {
    const view = (c: FakeConversation): Conversation => ({
      id: c.id,
      kind: c.kind,
      epoch: c.epoch,
      lastSeq: c.envelopes.length,
      role: 'admin',
      createdAt: '',
      ...(c.name ? { name: c.name } : {}),
    });
    const create = (kind: 'direct' | 'group', members: string[]) => {
      const id = `conv${++this.ids}`;
      const conversation: FakeConversation = {
        id,
        kind,
        epoch: 0,
        envelopes: [],
        members: new Set(members),
        leaves: new Map([[deviceId, accountId]]),
      };
      this.conversations.set(id, conversation);
      for (const member of members) this.joinedAt.set(`${member}/${id}`, new Date().toISOString());
      this.cursors.set(`${deviceId}/${id}`, 0);
      this.sockets.get(deviceId)?.lastSent.set(id, 0);
      return view(conversation);
    };
    return {
      createDirectConversation: async (peer: string) => {
        const existing = [...this.conversations.values()].find(
          (c) => c.kind === 'direct' && c.members.has(peer) && c.members.has(accountId),
        );
        return existing ? view(existing) : create('direct', [accountId, peer]);
      },
      createGroupConversation: async () => create('group', [accountId]),
      uploadAttachment: async (ciphertext: Uint8Array) => {
        const id = `att_${'x'.repeat(20)}${++this.ids}`;
        this.blobs.set(id, ciphertext.slice());
        return { id, sizeBytes: ciphertext.length, sha256: '', createdAt: '', expiresAt: '' };
      },
      downloadAttachment: async (id: string) => new Blob([this.blobs.get(id)! as Uint8Array<ArrayBuffer>]),
      leaveConversation: async (id: string) => {
        const c = this.conversations.get(id)!;
        c.members.delete(accountId);
        for (const [device, owner] of [...c.leaves]) if (owner === accountId) c.leaves.delete(device);
        for (const device of c.leaves.keys()) {
          this.sockets.get(device)?.deliver({ type: 'membership', conversationId: id, event: 'left', accountId });
        }
      },
      requestRejoin: async (id: string) => {
        const c = this.conversations.get(id)!;
        if (!c.leaves.has(deviceId))
          throw new ApiError(422, 'invalid_membership_change', 'This device is not in the group.');
        c.rejoin = new Set([...(c.rejoin ?? []), deviceId]);
        for (const leaf of this.rejoinsUnannounced ? [] : c.leaves.keys()) {
          if (leaf !== deviceId)
            this.sockets
              .get(leaf)
              ?.deliver({ type: 'membership', conversationId: id, event: 'rejoin', accountId, deviceId });
        }
      },
      renameConversation: async (id: string, name: string) => {
        const c = this.conversations.get(id)!;
        c.name = name;
        return view(c);
      },
      getConversationMarks: async (id: string): Promise<{ marks: ConversationMark[] }> => {
        const c = this.conversations.get(id)!;
        if (!c.members.has(accountId)) throw new Error('404 conversation_not_found');
        return {
          marks: [...c.members]
            .filter((member) => member !== accountId)
            .map((member) => {
              const devices = [...c.leaves].filter(([, owner]) => owner === member).map(([device]) => device);
              const deliveredSeq = Math.max(0, ...devices.map((device) => this.cursors.get(`${device}/${id}`) ?? 0));
              const read = this.privateReaders.has(member) ? undefined : this.readCursors.get(`${member}/${id}`);
              return { accountId: member, deliveredSeq, ...(read !== undefined ? { readSeq: read } : {}) };
            }),
        };
      },
      getConversation: async (id: string): Promise<ConversationDetails> => {
        const c = this.conversations.get(id)!;
        const details = {
          conversation: view(c),
          members: [...c.members].map((member) => ({
            accountId: member,
            role: 'member',
            joinedAt: this.joinedAt.get(`${member}/${id}`) ?? '',
            deviceIds: [...c.leaves].filter(([, owner]) => owner === member).map(([device]) => device),
          })),
          rejoinDeviceIds: [...(c.rejoin ?? [])],
        };
        const hook = this.afterNextDetails.get(accountId);
        this.afterNextDetails.delete(accountId);
        await hook?.();
        return details;
      },
    };
  }

  connect(url: string): FakeSocket {
    const deviceId = new URL(url).searchParams.get('device')!;
    const accountId = new URL(url).searchParams.get('account')!;
    const socket = new FakeSocket(this, deviceId, accountId);
    this.sockets.get(deviceId)?.drop(4009);
    this.sockets.set(deviceId, socket);
    setTimeout(() => {
      socket.readyState = 1;
      socket.onopen?.({});
      for (const c of this.conversations.values()) {
        if (c.leaves.has(socket.deviceId))
          socket.lastSent.set(c.id, this.cursors.get(`${socket.deviceId}/${c.id}`) ?? 0);
      }
      setTimeout(() => this.catchUp(socket), this.catchUpDelayMillis);
    }, 0);
    return socket;
  }

  private catchUp(socket: FakeSocket): void {
    if (socket.readyState !== 1) return;
    for (const c of this.conversations.values()) {
      if (!c.leaves.has(socket.deviceId)) continue;
      const cursor = this.cursors.get(`${socket.deviceId}/${c.id}`) ?? 0;
      const envelopes = c.envelopes.filter((e) => e.seq > cursor);
      if (envelopes.length > 0) socket.deliver({ type: 'envelopes', conversationId: c.id, envelopes });
      if (envelopes.length > 0 && this.redeliver)
        socket.deliver({ type: 'envelopes', conversationId: c.id, envelopes });
    }
    for (const item of this.items.get(socket.deviceId) ?? []) socket.deliver(item);
    socket.deliver({ type: 'ready' });
  }

  receive(socket: FakeSocket, frame: Record<string, unknown>): void {
    if (
      (frame.type === 'ack' || frame.type === 'read') &&
      Number(frame.seq) > (socket.lastSent.get(String(frame.conversationId)) ?? -1)
    ) {
      // The real server refuses to move a cursor or read mark past what this connection delivered.
      this.refused.push(frame);
      socket.deliver({ type: 'error', status: 422, code: 'validation_failed', conversationId: frame.conversationId });
      return;
    }
    if (frame.type === 'ack' && !this.acksLost) {
      this.cursors.set(`${socket.deviceId}/${String(frame.conversationId)}`, Number(frame.seq));
      // Delivery marks as the server announces them (it coalesces them; here each ack is one frame).
      const c = this.conversations.get(String(frame.conversationId));
      for (const deviceId of this.deliveredFramesLost ? [] : (c?.leaves.keys() ?? [])) {
        this.sockets.get(deviceId)?.deliver({
          type: 'delivered',
          conversationId: c!.id,
          marks: [{ accountId: socket.accountId, seq: Number(frame.seq) }],
        });
      }
    }
    if (frame.type === 'ack_items') {
      const ids = new Set(frame.itemIds as string[]);
      this.items.set(
        socket.deviceId,
        (this.items.get(socket.deviceId) ?? []).filter((item) => !ids.has(String(item.itemId))),
      );
    }
    if (frame.type === 'send') this.send(socket, frame);
    if (frame.type === 'read') {
      const key = `${socket.accountId}/${String(frame.conversationId)}`;
      this.readCursors.set(key, Math.max(this.readCursors.get(key) ?? 0, Number(frame.seq)));
    }
    if (frame.type === 'read' || frame.type === 'typing') {
      const c = this.conversations.get(String(frame.conversationId))!;
      for (const deviceId of c.leaves.keys()) {
        if (deviceId === socket.deviceId) continue;
        if (
          frame.type === 'read' &&
          this.privateReaders.has(socket.accountId) &&
          c.leaves.get(deviceId) !== socket.accountId
        )
          continue;
        this.sockets.get(deviceId)?.deliver({
          type: frame.type,
          conversationId: c.id,
          accountId: socket.accountId,
          deviceId: socket.deviceId,
          seq: frame.seq,
        });
      }
    }
  }

  private send(socket: FakeSocket, frame: Record<string, unknown>): void {
    const c = this.conversations.get(String(frame.conversationId))!;
    const clientMessageId = String(frame.clientMessageId);
    const existing = c.envelopes.find(
      (e) => e.senderDeviceId === socket.deviceId && e.clientMessageId === clientMessageId,
    );
    if (existing) {
      socket.deliver({
        type: 'sent',
        conversationId: c.id,
        clientMessageId,
        seq: existing.seq,
        epoch: c.epoch,
        duplicate: true,
      });
      return;
    }
    if (this.refuseSends !== undefined && frame.kind === 'application') {
      socket.deliver({ type: 'error', status: this.refuseSends, code: 'refused', clientMessageId });
      return;
    }
    if (!c.leaves.has(socket.deviceId)) {
      socket.deliver({ type: 'error', status: 403, code: 'not_member', clientMessageId });
      return;
    }
    const epoch = Number(frame.epoch);
    if (frame.kind === 'commit' || !this.staleEpochsAccepted ? epoch !== c.epoch : epoch > c.epoch) {
      this.conflicts++;
      socket.deliver({ type: 'error', status: 409, code: 'epoch_conflict', clientMessageId, currentEpoch: c.epoch });
      return;
    }
    const envelope = {
      seq: c.envelopes.length + 1,
      senderAccountId: socket.accountId,
      senderDeviceId: socket.deviceId,
      kind: String(frame.kind),
      epoch,
      ciphertext: String(frame.ciphertext),
      createdAt: Date.now(),
      clientMessageId,
    };
    c.envelopes.push(envelope);
    const subscribers = [...c.leaves.keys()];
    const welcomes: [string, ServerFrame][] = [];
    if (frame.kind === 'commit') {
      c.epoch++;
      const membership = frame.membership as { addAccountIds?: string[]; removeAccountIds?: string[] } | undefined;
      membership?.addAccountIds?.forEach((accountId) => {
        c.members.add(accountId);
        this.joinedAt.set(`${accountId}/${c.id}`, new Date().toISOString());
      });
      membership?.removeAccountIds?.forEach((accountId) => c.members.delete(accountId));
      const welcome = frame.welcome as { ciphertext: string; deviceIds: string[] } | undefined;
      for (const deviceId of (frame.removeDeviceIds as string[] | undefined) ?? []) {
        c.leaves.delete(deviceId);
        // Removed and welcomed by one commit (it asked to rejoin): it stays a leaf.
        if (welcome?.deviceIds.includes(deviceId)) continue;
        this.sockets.get(deviceId)?.deliver({ type: 'membership', conversationId: c.id, event: 'removed' });
      }
      for (const deviceId of welcome?.deviceIds ?? []) {
        c.rejoin?.delete(deviceId);
        const owner = [...this.keys].find(([, keys]) => keys.some((k) => k.deviceId === deviceId))![0];
        c.leaves.set(deviceId, owner);
        this.cursors.set(`${deviceId}/${c.id}`, envelope.seq);
        if (!this.sockets.get(deviceId)?.lastSent.has(c.id))
          this.sockets.get(deviceId)?.lastSent.set(c.id, envelope.seq);
        const item = {
          type: 'item',
          itemId: `item${++this.ids}`,
          kind: 'welcome',
          conversationId: c.id,
          seq: envelope.seq,
          payload: welcome!.ciphertext,
        };
        this.items.set(deviceId, [...(this.items.get(deviceId) ?? []), item]);
        welcomes.push([deviceId, item]);
      }
    }
    socket.deliver({
      type: 'sent',
      conversationId: c.id,
      clientMessageId,
      seq: envelope.seq,
      epoch: c.epoch,
      duplicate: false,
    });
    const removedNow = new Set(
      (frame.kind === 'commit' ? (frame.removeDeviceIds as string[] | undefined) : undefined) ?? [],
    );
    for (const deviceId of subscribers) {
      // A device this commit removes still gets the commit itself (the real server delivers up to it).
      if (!c.leaves.has(deviceId) && !removedNow.has(deviceId)) continue;
      const frame = { type: 'envelopes', conversationId: c.id, envelopes: [envelope] };
      if (this.held.has(deviceId)) this.held.get(deviceId)!.push(frame);
      else this.sockets.get(deviceId)?.deliver(frame);
    }
    // As the real server does: a batch's envelopes first, then the Welcomes it made.
    for (const [deviceId, item] of welcomes) {
      if (this.heldItems.has(deviceId)) this.held.get(deviceId)!.push(item);
      else this.sockets.get(deviceId)?.deliver(item);
    }
  }

  /** Holds a device's envelopes (and with `items`, its Welcomes too) until `release`. */
  hold(deviceId: string, { items = false } = {}): void {
    this.held.set(deviceId, []);
    if (items) this.heldItems.add(deviceId);
  }

  release(deviceId: string): void {
    const frames = this.held.get(deviceId) ?? [];
    this.held.delete(deviceId);
    this.heldItems.delete(deviceId);
    for (const frame of frames) this.sockets.get(deviceId)?.deliver(frame);
  }
}

export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  /** Per conversation the newest seq this connection delivered (from the cursor at connect). */
  readonly lastSent = new Map<string, number>();

  constructor(
    private readonly server: FakeServer,
    readonly deviceId: string,
    readonly accountId: string,
  ) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('socket not open');
    this.server.receive(this, JSON.parse(data) as Record<string, unknown>);
  }

  deliver(frame: ServerFrame): void {
    if (this.readyState !== 1) return;
    if (frame.type === 'envelopes') {
      const id = String(frame.conversationId);
      const newest = Math.max(...(frame.envelopes as { seq: number }[]).map((envelope) => envelope.seq));
      this.lastSent.set(id, Math.max(this.lastSent.get(id) ?? 0, newest));
    }
    const data = JSON.stringify(frame);
    setTimeout(() => this.onmessage?.({ data }), 0);
  }

  /** The network drops (the server forgets the socket). */
  drop(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    if (this.server.sockets.get(this.deviceId) === this) this.server.sockets.delete(this.deviceId);
    setTimeout(() => this.onclose?.({ code }), 0);
  }

  close(code = 1000): void {
    this.drop(code);
  }
}
