-- Merchant payouts: the IBAN a shop's balance is paid out to, and payouts of that balance as
-- rows of wallet_withdrawals (same pain.001 export, paid and failed flow as a person's
-- withdrawals). Same SQL for SQLite and PostgreSQL.

-- Set by the owner (PIN checked); a payout copies it, so changing it never redirects a payout
-- already made.
ALTER TABLE merchants ADD COLUMN payout_iban TEXT;
ALTER TABLE merchants ADD COLUMN payout_name TEXT;

-- Null for a person's withdrawal. Set for a merchant payout: the money came from the merchant's
-- ledger account (a failed payout refunds that account); account_id is the owner who asked.
ALTER TABLE wallet_withdrawals ADD COLUMN merchant_id TEXT;

CREATE INDEX wallet_withdrawals_by_merchant ON wallet_withdrawals (merchant_id, created_at);
