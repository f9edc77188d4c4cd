// The card of a payment in a chat: what the E2E message says (kind, amount, note) and the live
// state the server reports (transfer: pending/accepted/declined/refunded; red packet: shares,
// who got how much, what went back), with Accept / Decline / Claim where the viewer may. The
// server decides: it answers 404 to anyone outside the chat, so a forged card shows nothing.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../api/client';
import { useAction } from '../../../hooks';
import { useApp } from '../../../state';
import {
  CARD_REFRESH_MILLIS,
  ChatPaymentsApi,
  isSettled,
  redPacketCardState,
  transferCardState,
  type ChatTransfer,
  type RedPacket,
  type RedPacketCardState,
  type TransferStatus,
} from './chat-payments';
import { IdempotentAction } from '../idempotency';
import { formatCents } from '../money';
import { walletErrorMessage } from '../wallet-errors';
import type { PaymentRef } from './payment-message';

/** Server checks per card while its payment can still change (5 s apart: about 10 minutes). */
const CARD_REFRESHES_MAX = 120;

export function useChatPaymentsApi(): ChatPaymentsApi {
  const { api } = useApp();
  return useMemo(() => new ChatPaymentsApi(api.client), [api]);
}

interface Props {
  payment: PaymentRef;
  own: boolean;
  accountId: string;
  nameOf: (accountId: string) => string;
  senderName: string;
  inGroup: boolean;
}

export function PaymentCard({ payment, own, accountId, nameOf, senderName, inGroup }: Props) {
  const { t, language } = useApp();
  const paymentsApi = useChatPaymentsApi();
  const [transfer, setTransfer] = useState<ChatTransfer | null>(null);
  const [packet, setPacket] = useState<RedPacket | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const action = useAction();
  // One idempotent action per button, so a retry after a lost answer is not a second request.
  const actions = useRef({
    accept: new IdempotentAction<string>(),
    decline: new IdempotentAction<string>(),
    claim: new IdempotentAction<string>(),
  });
  // The server's amount once loaded: a card's own number is only what its sender claimed.
  const amount = formatCents(transfer?.amountCents ?? packet?.totalCents ?? payment.amountCents, language);
  const now = Date.now();
  const transferState = transfer ? transferCardState(transfer, accountId, now) : null;
  const packetState = packet ? redPacketCardState(packet, accountId, now, inGroup) : null;

  useEffect(() => {
    let live = true;
    let refreshes = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        if (payment.kind === 'transfer') {
          const next = await paymentsApi.getTransfer(payment.paymentId);
          if (!live) return;
          setTransfer(next);
          setLoadError(null);
          if (isSettled(transferCardState(next, accountId, Date.now()))) return;
        } else {
          const next = await paymentsApi.getRedPacket(payment.paymentId);
          if (!live) return;
          setPacket(next);
          setLoadError(null);
          if (isSettled(redPacketCardState(next, accountId, Date.now(), inGroup))) return;
        }
      } catch (error) {
        if (!live) return;
        setLoadError(error);
        if (error instanceof ApiError && error.status === 404) return;
      }
      if (++refreshes < CARD_REFRESHES_MAX) timer = setTimeout(() => void load(), CARD_REFRESH_MILLIS);
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [paymentsApi, payment.kind, payment.paymentId, accountId, inGroup, generation]);

  const respond = (which: 'accept' | 'decline') =>
    action.run(async () => {
      const id = payment.paymentId;
      const next = await actions.current[which].run(id, (key) =>
        which === 'accept' ? paymentsApi.acceptTransfer(id, key) : paymentsApi.declineTransfer(id, key),
      );
      setTransfer(next);
    });
  const claim = () =>
    action.run(async () => {
      const id = payment.paymentId;
      setPacket(await actions.current.claim.run(id, (key) => paymentsApi.claimRedPacket(id, key)));
    });
  // A refusal such as "already claimed" or "expired" means the card is out of date.
  useEffect(() => {
    if (action.error instanceof ApiError && [409, 410].includes(action.error.status)) setGeneration((g) => g + 1);
  }, [action.error]);

  const status = transferState?.status ?? packetState?.status;
  // Like the cards people know from WeChat: a settled transfer and a packet the viewer opened
  // (or that has nothing left) are drawn faded, so the live ones stand out in a long chat.
  const faded =
    (transferState !== null && transferState.status !== 'pending') ||
    (packetState !== null && (packetState.yourShareCents !== null || packetState.status !== 'open'));
  const kindClass = payment.kind === 'transfer' ? 'transfer' : 'red-packet';

  return (
    <div
      class={`payment-card ${kindClass}${faded ? ' faded' : ''}`}
      data-testid="payment-card"
      data-kind={payment.kind}
      data-status={status ?? 'loading'}
    >
      <div class="payment-face">
        {payment.kind === 'transfer' ? (
          <TransferFace
            own={own}
            senderName={senderName}
            amount={amount}
            memo={payment.memo}
            status={transferState?.status ?? null}
          />
        ) : (
          <RedPacketFace
            own={own}
            senderName={senderName}
            amount={amount}
            memo={payment.memo}
            opened={packetState?.yourShareCents !== null && packetState?.yourShareCents !== undefined}
            claim={packetState?.canClaim ? () => void claim() : null}
            busy={action.busy}
          />
        )}
      </div>
      <div class="payment-details">
        {!transferState && !packetState && !loadError && <span class="muted">{t('chatpay.loading')}</span>}
        {loadError && !transferState && !packetState && (
          <span class="muted" data-testid="payment-unavailable">
            {loadError instanceof ApiError && loadError.status === 404
              ? t('chatpay.unavailable')
              : walletErrorMessage(t, language, loadError)}{' '}
            <button type="button" class="small" onClick={() => setGeneration((g) => g + 1)}>
              {t('chatpay.refresh')}
            </button>
          </span>
        )}
        {status && (
          <span class="payment-status" data-testid="payment-status">
            {t(`chatpay.status.${status}`)}
          </span>
        )}
        {transferState?.canRespond && (
          <span class="inline payment-buttons">
            <button
              type="button"
              class="small primary"
              disabled={action.busy}
              data-testid="payment-accept"
              onClick={() => void respond('accept')}
            >
              {t('chatpay.accept')}
            </button>
            <button
              type="button"
              class="small"
              disabled={action.busy}
              data-testid="payment-decline"
              onClick={() => void respond('decline')}
            >
              {t('chatpay.decline')}
            </button>
          </span>
        )}
        {packetState && <RedPacketShares state={packetState} accountId={accountId} nameOf={nameOf} />}
        {action.error && (
          <span class="error" role="alert" data-testid="payment-error">
            {walletErrorMessage(t, language, action.error)}
          </span>
        )}
      </div>
      <span class="payment-label">
        {t(payment.kind === 'transfer' ? 'chatpay.label.transfer' : 'chatpay.label.redPacket')}
      </span>
    </div>
  );
}

/** The orange face of a transfer: who sent it, the amount large, the note, a mark for its state. */
function TransferFace({
  own,
  senderName,
  amount,
  memo,
  status,
}: {
  own: boolean;
  senderName: string;
  amount: string;
  memo?: string;
  status: TransferStatus | null;
}) {
  const { t } = useApp();
  const mark = status === 'accepted' ? '✓' : status === 'declined' || status === 'refunded' ? '↩' : '⇄';
  return (
    <>
      <span class="payment-seal" aria-hidden="true">
        {mark}
      </span>
      <span class="payment-words">
        {/* One sentence for screen readers and search ("You sent €7.50"), two lines on screen. */}
        <span class="payment-title">
          <span class="payment-lead">
            {own ? t('chatpay.transferLeadOwn') : t('chatpay.transferLeadOther', { name: senderName })}
          </span>{' '}
          <span class="payment-amount">{amount}</span>
        </span>
        {memo && <span class="payment-memo">{memo}</span>}
      </span>
    </>
  );
}

/** The red envelope: the greeting large, who sent how much, and the gold seal that opens it. */
function RedPacketFace({
  own,
  senderName,
  amount,
  memo,
  opened,
  claim,
  busy,
}: {
  own: boolean;
  senderName: string;
  amount: string;
  memo?: string;
  opened: boolean;
  claim: (() => void) | null;
  busy: boolean;
}) {
  const { t } = useApp();
  return (
    <>
      {claim ? (
        <button
          type="button"
          class="payment-seal payment-open"
          disabled={busy}
          data-testid="payment-claim"
          onClick={claim}
        >
          {t('chatpay.claim')}
        </button>
      ) : (
        <span class="payment-seal" aria-hidden="true">
          {opened ? '✓' : '€'}
        </span>
      )}
      <span class="payment-words">
        <span class="payment-greeting payment-memo">{memo || t('chatpay.greeting')}</span>
        <span class="payment-title">
          {own ? t('chatpay.packetOwn', { amount }) : t('chatpay.packetFrom', { name: senderName, amount })}
        </span>
        {opened && (
          <span class="payment-opened" data-testid="payment-opened">
            {t('chatpay.opened')}
          </span>
        )}
      </span>
    </>
  );
}

/** Under a red packet: the viewer's share, how many were taken, who got how much, what went back. */
function RedPacketShares({
  state,
  accountId,
  nameOf,
}: {
  state: RedPacketCardState;
  accountId: string;
  nameOf: (accountId: string) => string;
}) {
  const { t, language } = useApp();
  return (
    <>
      {state.yourShareCents !== null && (
        <span class="payment-share" data-testid="payment-your-share">
          {t('chatpay.yourShare', { amount: formatCents(state.yourShareCents, language) })}
        </span>
      )}
      <span class="muted">{t('chatpay.shares', { claimed: state.claimed, count: state.count })}</span>
      {state.claims.length > 0 && (
        <ul class="payment-claims" data-testid="payment-claims">
          {state.claims.map((share) => (
            <li key={share.accountId}>
              {t('chatpay.claimLine', {
                name: share.accountId === accountId ? t('group.you') : nameOf(share.accountId),
                amount: formatCents(share.amountCents, language),
              })}
            </li>
          ))}
        </ul>
      )}
      {state.refundedCents > 0 && (
        <span class="muted" data-testid="payment-refunded">
          {t('chatpay.refundedRest', { amount: formatCents(state.refundedCents, language) })}
        </span>
      )}
    </>
  );
}
