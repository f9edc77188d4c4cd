import { describe, expect, it } from 'vitest';
import { redPacketProblem } from './payment-composer';
import {
  PaymentThenCard,
  isSettled,
  redPacketCardState,
  redPacketRef,
  transferCardState,
  transferRef,
  type ChatTransfer,
  type RedPacket,
} from './chat-payments';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const transfer = (status: string, expiresAt = '2026-11-24T09:00:00Z'): ChatTransfer => ({
  id: 'trf_abcdefgh12345678',
  conversationId: 'c1',
  senderAccountId: 'ann',
  recipientAccountId: 'bob',
  amountCents: 1500,
  memo: 'rent',
  status,
  createdAt: '2026-11-23T09:00:00Z',
  expiresAt,
});
const packet = (overrides: Partial<RedPacket> = {}): RedPacket => ({
  id: 'rpk_abcdefgh12345678',
  conversationId: 'g1',
  senderAccountId: 'ann',
  totalCents: 1000,
  count: 3,
  split: 'lucky',
  status: 'open',
  claimedCents: 0,
  refundedCents: 0,
  claims: [],
  createdAt: '2026-11-23T09:00:00Z',
  expiresAt: '2026-11-24T09:00:00Z',
  ...overrides,
});

describe('transfer card', () => {
  it('lets only the recipient accept or decline a pending transfer', () => {
    expect(transferCardState(transfer('pending'), 'bob', NOW)).toEqual({
      status: 'pending',
      canRespond: true,
      amountCents: 1500,
    });
    expect(transferCardState(transfer('pending'), 'ann', NOW).canRespond).toBe(false);
    expect(isSettled(transferCardState(transfer('pending'), 'ann', NOW))).toBe(false);
  });

  it('shows the final states without actions', () => {
    for (const status of ['accepted', 'declined', 'refunded'] as const) {
      const state = transferCardState(transfer(status), 'bob', NOW);
      expect(state).toMatchObject({ status, canRespond: false });
      expect(isSettled(state)).toBe(true);
    }
  });

  it('shows a pending transfer past its expiry as refunded, before the server sweeps it', () => {
    expect(transferCardState(transfer('pending', '2026-11-23T09:59:59Z'), 'bob', NOW)).toMatchObject({
      status: 'refunded',
      canRespond: false,
    });
  });

  it('treats a status it does not know as unknown and offers nothing', () => {
    expect(transferCardState(transfer('frozen'), 'bob', NOW)).toMatchObject({ status: 'unknown', canRespond: false });
  });

  it('references the server transfer from the card', () => {
    expect(transferRef(transfer('pending'))).toEqual({
      kind: 'transfer',
      paymentId: 'trf_abcdefgh12345678',
      amountCents: 1500,
      count: 1,
      memo: 'rent',
    });
  });
});

describe('red packet card', () => {
  it('lets every member claim once while shares are left', () => {
    expect(redPacketCardState(packet(), 'bob', NOW)).toMatchObject({
      status: 'open',
      canClaim: true,
      yourShareCents: null,
    });
    const one = packet({
      claimedCents: 420,
      claims: [{ accountId: 'bob', amountCents: 420, claimedAt: '2026-11-23T09:30:00Z' }],
      yourShareCents: 420,
    });
    expect(redPacketCardState(one, 'bob', NOW)).toMatchObject({
      canClaim: false,
      yourShareCents: 420,
      claimed: 1,
      count: 3,
    });
    // Someone else sees Bob's share in the list but not as theirs, and may still claim.
    expect(redPacketCardState({ ...one, yourShareCents: null }, 'cy', NOW)).toMatchObject({
      canClaim: true,
      yourShareCents: null,
      claims: one.claims,
    });
  });

  it('does not offer the sender a share of their own packet in a 1:1 chat', () => {
    expect(redPacketCardState(packet({ count: 1 }), 'ann', NOW, false).canClaim).toBe(false);
    expect(redPacketCardState(packet({ count: 1 }), 'bob', NOW, false).canClaim).toBe(true);
    expect(redPacketCardState(packet(), 'ann', NOW, true).canClaim).toBe(true);
  });

  it('finds the own share in the claims when the server did not name it', () => {
    const claims = [{ accountId: 'cy', amountCents: 7, claimedAt: '2026-11-23T09:30:00Z' }];
    expect(redPacketCardState(packet({ claims }), 'cy', NOW).yourShareCents).toBe(7);
  });

  it('shows an empty packet and an expired one with what went back, without Claim', () => {
    const claims = [1, 2, 3].map((i) => ({
      accountId: `p${i}`,
      amountCents: 100 * i,
      claimedAt: '2026-11-23T09:30:00Z',
    }));
    expect(redPacketCardState(packet({ status: 'empty', claims, totalCents: 600 }), 'bob', NOW)).toMatchObject({
      status: 'empty',
      canClaim: false,
    });
    const refunded = redPacketCardState(
      packet({ status: 'refunded', claims: claims.slice(0, 1), refundedCents: 900 }),
      'bob',
      NOW,
    );
    expect(refunded).toMatchObject({ status: 'refunded', canClaim: false, refundedCents: 900 });
    expect(isSettled(refunded)).toBe(true);
    expect(redPacketCardState(packet({ expiresAt: '2026-11-23T09:00:00Z' }), 'bob', NOW)).toMatchObject({
      status: 'refunded',
      canClaim: false,
    });
  });

  it('references the server packet from the card', () => {
    expect(redPacketRef(packet())).toEqual({
      kind: 'red-packet',
      paymentId: 'rpk_abcdefgh12345678',
      amountCents: 1000,
      count: 3,
    });
  });

  it('checks total and count before asking the server', () => {
    expect(redPacketProblem(null, 2, 'en')).toEqual({ key: 'wallet.amountInvalid' });
    expect(redPacketProblem(500, 0, 'en')).toMatchObject({ key: 'chatpay.countInvalid' });
    expect(redPacketProblem(500, 2.5, 'en')).toMatchObject({ key: 'chatpay.countInvalid' });
    expect(redPacketProblem(2, 3, 'en')).toEqual({ key: 'chatpay.totalTooSmall', params: { min: '€0.03' } });
    expect(redPacketProblem(3, 3, 'en')).toBeNull();
    // A 1:1 chat has one share; a group at most one per member.
    expect(redPacketProblem(500, 2, 'en', 1)).toEqual({ key: 'chatpay.countInvalid', params: { max: 1 } });
    expect(redPacketProblem(500, 4, 'en', 3)).toEqual({ key: 'chatpay.countInvalid', params: { max: 3 } });
    expect(redPacketProblem(500, 3, 'en', 3)).toBeNull();
  });
});

describe('payment, then card', () => {
  it('sends only the card again after the card failed, never a second payment', async () => {
    const flow = new PaymentThenCard();
    let created = 0;
    const cards: string[] = [];
    const create = async () => ({ ...transferRef(transfer('pending')), paymentId: `trf_payment${++created}xxxxxxxx` });
    let fail = true;
    const sendCard = async (ref: { paymentId: string }) => {
      if (fail) throw new Error('outbox full');
      cards.push(ref.paymentId);
    };
    await expect(flow.run(create, sendCard)).rejects.toThrow('outbox full');
    fail = false;
    await flow.run(create, sendCard);
    expect(created).toBe(1);
    expect(cards).toEqual(['trf_payment1xxxxxxxx']);
    // The next payment is a new one.
    await flow.run(create, sendCard);
    expect(created).toBe(2);
  });
});
