-- Wallet SEPA: top-up references, imported bank entries and withdrawals to IBANs.
-- Same SQL for SQLite and PostgreSQL; times are epoch milliseconds, amounts euro cents.

-- Each person's ISO 11649 creditor reference (RF...), given once and kept: bank transfers that
-- carry it are credited to that person.
CREATE TABLE wallet_topup_references (
    account_id  TEXT PRIMARY KEY,
    reference   TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

-- Every bank statement entry credited to a wallet, keyed by the bank's own entry reference
-- (camt.053 AcctSvcrRef), so importing a statement twice credits nothing twice.
CREATE TABLE wallet_bank_entries (
    bank_reference  TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL,
    amount_cents    BIGINT NOT NULL,
    statement_id    TEXT,
    posting_id      TEXT NOT NULL,
    imported_at     BIGINT NOT NULL,
    CONSTRAINT wallet_bank_entries_amount_positive CHECK (amount_cents > 0)
);

-- A payout to an IBAN. The money left the wallet for the payout account when the row was
-- written (PENDING); `export-pain001` puts pending rows in a file (EXPORTED, export_id); the
-- operator then marks them PAID or FAILED (failed ones are refunded by a new posting).
CREATE TABLE wallet_withdrawals (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL,
    amount_cents   BIGINT NOT NULL,
    creditor_name  TEXT NOT NULL,
    creditor_iban  TEXT NOT NULL,
    status         TEXT NOT NULL,
    export_id      TEXT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CONSTRAINT wallet_withdrawals_amount_positive CHECK (amount_cents > 0),
    CONSTRAINT wallet_withdrawals_status CHECK (status IN ('PENDING', 'EXPORTED', 'PAID', 'FAILED'))
);

CREATE INDEX wallet_withdrawals_by_status ON wallet_withdrawals (status, created_at);
CREATE INDEX wallet_withdrawals_by_account ON wallet_withdrawals (account_id, created_at);

-- Every payout file as written, so a lost or damaged file can be written again from the same
-- rows instead of exporting the withdrawals a second time (which would pay them twice).
CREATE TABLE wallet_payout_files (
    export_id         TEXT PRIMARY KEY,
    document          TEXT NOT NULL,
    withdrawal_count  INTEGER NOT NULL,
    total_cents       BIGINT NOT NULL,
    created_at        BIGINT NOT NULL
);
