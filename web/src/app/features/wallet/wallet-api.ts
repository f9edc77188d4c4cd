// The wallet endpoints the web client uses (see /api/openapi.json, tag "wallet"). Amounts are
// integer euro cents; every money-moving POST carries an Idempotency-Key.
import type { ApiClient } from '../../api/client';

export interface Wallet {
  balanceCents: number;
  currency: string;
  pinSet: boolean;
  /** ISO time until which outgoing payments are locked after too many wrong PINs. */
  pinLockedUntil?: string | null;
  paymentCentsMax: number;
  dailyOutgoingCentsMax: number;
  dailyOutgoingRemainingCents: number;
  sandboxTopUpEnabled: boolean;
}

export interface SetPinInput {
  pin: string;
  /** To change the PIN. */
  currentPin?: string;
  /** To replace a forgotten PIN. */
  password?: string;
}

export interface TopUp {
  postingId: string;
  amountCents: number;
  balanceCents: number;
}

export interface StatementLine {
  entry: number;
  postingId: string;
  kind: string;
  amountCents: number;
  balanceAfterCents: number;
  counterparty?: string | null;
  /** The other person of a chat transfer or a received red packet share (their money goes through escrow). */
  otherAccountId?: string | null;
  reference?: string | null;
  memo?: string | null;
  createdAt: string;
}

export interface StatementPage {
  lines: StatementLine[];
  nextBefore?: number | null;
}

export const STATEMENT_PAGE_ROWS = 50;

export class WalletApi {
  constructor(private readonly client: ApiClient) {}

  getWallet(): Promise<Wallet> {
    return this.client.get('/api/v1/wallet');
  }

  setPaymentPin(input: SetPinInput): Promise<void> {
    return this.client.put('/api/v1/wallet/pin', input);
  }

  sandboxTopUp(amountCents: number, idempotencyKey: string): Promise<TopUp> {
    return this.client.post('/api/v1/wallet/sandbox/top-ups', { amountCents }, { 'Idempotency-Key': idempotencyKey });
  }

  getStatement(before?: number, limit = STATEMENT_PAGE_ROWS): Promise<StatementPage> {
    const cursor = before === undefined ? '' : `&before=${before}`;
    return this.client.get(`/api/v1/wallet/statement?limit=${limit}${cursor}`);
  }

  /** The newest lines as CSV (the server caps the rows); a Blob, since it needs the token. */
  exportStatementCsv(): Promise<Blob> {
    return this.client.blob('/api/v1/wallet/statement.csv');
  }
}
