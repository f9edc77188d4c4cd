// Payments inside chats: the server calls (a transfer in a 1:1 chat, a red packet in any chat)
// and what a card shows and offers for the server's answer. Every money-moving POST carries an
// Idempotency-Key; the card itself is an E2E chat message that only references the payment.
import type { ApiClient } from '../../../api/client';
import type { PaymentRef } from './payment-message';

export interface ChatTransfer {
  id: string;
  conversationId: string;
  senderAccountId: string;
  recipientAccountId: string;
  amountCents: number;
  memo?: string | null;
  /** pending, accepted, declined or refunded (expired). */
  status: string;
  createdAt: string;
  expiresAt: string;
  resolvedAt?: string | null;
}

export interface RedPacketClaim {
  accountId: string;
  amountCents: number;
  claimedAt: string;
}

export interface RedPacket {
  id: string;
  conversationId: string;
  senderAccountId: string;
  totalCents: number;
  count: number;
  split: 'equal' | 'lucky' | string;
  memo?: string | null;
  /** open, empty (all claimed) or refunded (expired; the rest went back). */
  status: string;
  claimedCents: number;
  refundedCents: number;
  claims: RedPacketClaim[];
  yourShareCents?: number | null;
  createdAt: string;
  expiresAt: string;
}

export interface CreateTransferInput {
  conversationId: string;
  amountCents: number;
  memo?: string;
  pin: string;
}

export interface CreateRedPacketInput {
  conversationId: string;
  totalCents: number;
  count: number;
  split: 'equal' | 'lucky';
  memo?: string;
  pin: string;
}

export class ChatPaymentsApi {
  constructor(private readonly client: ApiClient) {}

  createTransfer(input: CreateTransferInput, idempotencyKey: string): Promise<ChatTransfer> {
    return this.client.post('/api/v1/wallet/transfers', input, { 'Idempotency-Key': idempotencyKey });
  }

  getTransfer(id: string): Promise<ChatTransfer> {
    return this.client.get(`/api/v1/wallet/transfers/${encodeURIComponent(id)}`);
  }

  acceptTransfer(id: string, idempotencyKey: string): Promise<ChatTransfer> {
    return this.client.post(
      `/api/v1/wallet/transfers/${encodeURIComponent(id)}/accept`,
      {},
      { 'Idempotency-Key': idempotencyKey },
    );
  }

  declineTransfer(id: string, idempotencyKey: string): Promise<ChatTransfer> {
    return this.client.post(
      `/api/v1/wallet/transfers/${encodeURIComponent(id)}/decline`,
      {},
      { 'Idempotency-Key': idempotencyKey },
    );
  }

  createRedPacket(input: CreateRedPacketInput, idempotencyKey: string): Promise<RedPacket> {
    return this.client.post('/api/v1/wallet/red-packets', input, { 'Idempotency-Key': idempotencyKey });
  }

  getRedPacket(id: string): Promise<RedPacket> {
    return this.client.get(`/api/v1/wallet/red-packets/${encodeURIComponent(id)}`);
  }

  claimRedPacket(id: string, idempotencyKey: string): Promise<RedPacket> {
    return this.client.post(
      `/api/v1/wallet/red-packets/${encodeURIComponent(id)}/claim`,
      {},
      { 'Idempotency-Key': idempotencyKey },
    );
  }
}

/** The card's reference for what the server made. */
export function transferRef(transfer: ChatTransfer): PaymentRef {
  const ref: PaymentRef = { kind: 'transfer', paymentId: transfer.id, amountCents: transfer.amountCents, count: 1 };
  return transfer.memo ? { ...ref, memo: transfer.memo } : ref;
}

export function redPacketRef(packet: RedPacket): PaymentRef {
  const ref: PaymentRef = {
    kind: 'red-packet',
    paymentId: packet.id,
    amountCents: packet.totalCents,
    count: packet.count,
  };
  return packet.memo ? { ...ref, memo: packet.memo } : ref;
}

export type TransferStatus = 'pending' | 'accepted' | 'declined' | 'refunded' | 'unknown';

export interface TransferCardState {
  status: TransferStatus;
  /** Only the recipient, only while pending and not past its expiry. */
  canRespond: boolean;
  amountCents: number;
}

/**
 * What a transfer card shows to `accountId`. A pending transfer whose time ran out shows as
 * refunded even before the server's sweep gets to it, and can no longer be accepted.
 */
export function transferCardState(transfer: ChatTransfer, accountId: string, now: number): TransferCardState {
  const known: TransferStatus[] = ['pending', 'accepted', 'declined', 'refunded'];
  let status: TransferStatus = (known as string[]).includes(transfer.status)
    ? (transfer.status as TransferStatus)
    : 'unknown';
  const expired = Date.parse(transfer.expiresAt) <= now;
  if (status === 'pending' && expired) status = 'refunded';
  return {
    status,
    canRespond: status === 'pending' && transfer.recipientAccountId === accountId,
    amountCents: transfer.amountCents,
  };
}

export type RedPacketStatus = 'open' | 'empty' | 'refunded' | 'unknown';

export interface RedPacketCardState {
  status: RedPacketStatus;
  canClaim: boolean;
  /** The viewer's own share, once claimed. */
  yourShareCents: number | null;
  claimed: number;
  count: number;
  claims: RedPacketClaim[];
  refundedCents: number;
  totalCents: number;
}

/**
 * What a red-packet card shows to `accountId`: anyone in a group (the sender included) may claim
 * once while it is open and not expired; in a 1:1 chat only the other person. Who got how much
 * is listed in claim order.
 */
export function redPacketCardState(
  packet: RedPacket,
  accountId: string,
  now: number,
  inGroup = true,
): RedPacketCardState {
  const known: RedPacketStatus[] = ['open', 'empty', 'refunded'];
  let status: RedPacketStatus = (known as string[]).includes(packet.status)
    ? (packet.status as RedPacketStatus)
    : 'unknown';
  if (status === 'open' && Date.parse(packet.expiresAt) <= now) status = 'refunded';
  const own = packet.claims.find((claim) => claim.accountId === accountId);
  const yourShareCents = packet.yourShareCents ?? own?.amountCents ?? null;
  return {
    status,
    canClaim:
      status === 'open' &&
      yourShareCents === null &&
      packet.claims.length < packet.count &&
      (inGroup || packet.senderAccountId !== accountId),
    yourShareCents,
    claimed: packet.claims.length,
    count: packet.count,
    claims: packet.claims,
    refundedCents: packet.refundedCents,
    totalCents: packet.totalCents,
  };
}

/** How long a card waits before asking the server again while the payment can still change. */
export const CARD_REFRESH_MILLIS = 5_000;

export function isSettled(state: TransferCardState | RedPacketCardState): boolean {
  return state.status !== 'pending' && state.status !== 'open';
}

/**
 * A payment, then its card. Once the server has made the payment, the next try only sends the
 * card again (say the outbox was full): a second try must never make a second payment, and a
 * new idempotency key would.
 */
export class PaymentThenCard {
  private unsent: PaymentRef | null = null;

  async run(create: () => Promise<PaymentRef>, sendCard: (ref: PaymentRef) => Promise<void>): Promise<PaymentRef> {
    const ref = this.unsent ?? (await create());
    this.unsent = ref;
    await sendCard(ref);
    this.unsent = null;
    return ref;
  }
}
