-- Wallet: the double-entry ledger (accounts, postings and their lines).
-- Written in the SQL that both SQLite and PostgreSQL accept; times are epoch milliseconds and
-- every amount is integer euro cents.

-- One row per ledger account: a person's wallet (created on first use), a merchant, or one of
-- the operator's system accounts. balance_cents is the sum of the account's lines, kept up to
-- date by the ledger's writer in the same transaction as the lines; `atrium admin ledger-check`
-- verifies it. entry_count numbers the account's lines, so a statement pages by entry_seq.
CREATE TABLE wallet_accounts (
    id                TEXT PRIMARY KEY,
    kind              TEXT NOT NULL,
    owner_id          TEXT,
    balance_cents     BIGINT NOT NULL DEFAULT 0,
    -- 1 only for the system accounts that stand for money outside the ledger (the sandbox
    -- funding source, the operator's bank account); everyone else can never go below zero.
    negative_allowed  INTEGER NOT NULL DEFAULT 0,
    entry_count       BIGINT NOT NULL DEFAULT 0,
    created_at        BIGINT NOT NULL,
    CONSTRAINT wallet_accounts_kind CHECK (kind IN ('USER', 'MERCHANT', 'SYSTEM')),
    CONSTRAINT wallet_accounts_not_negative CHECK (negative_allowed = 1 OR balance_cents >= 0)
);

CREATE UNIQUE INDEX wallet_accounts_by_owner ON wallet_accounts (kind, owner_id);

-- A posting is one balanced, immutable movement of money; corrections are new postings
-- (reverses_posting_id), never edits. posting_key, when given, makes a posting exactly-once:
-- posting the same key again returns the first posting.
CREATE TABLE wallet_postings (
    id                   TEXT PRIMARY KEY,
    kind                 TEXT NOT NULL,
    amount_cents         BIGINT NOT NULL,
    reference            TEXT,
    posting_key          TEXT UNIQUE,
    memo                 TEXT,
    reverses_posting_id  TEXT,
    created_at           BIGINT NOT NULL,
    CONSTRAINT wallet_postings_amount_positive CHECK (amount_cents > 0)
);

CREATE INDEX wallet_postings_by_reference ON wallet_postings (reference);

-- The lines of a posting: positive amounts raise an account's balance (credit), negative ones
-- lower it (debit); the lines of one posting sum to zero. balance_after_cents is the account's
-- balance right after this line, for statements.
CREATE TABLE wallet_lines (
    account_id           TEXT NOT NULL REFERENCES wallet_accounts (id),
    entry_seq            BIGINT NOT NULL,
    posting_id           TEXT NOT NULL REFERENCES wallet_postings (id),
    amount_cents         BIGINT NOT NULL,
    balance_after_cents  BIGINT NOT NULL,
    PRIMARY KEY (account_id, entry_seq),
    CONSTRAINT wallet_lines_amount_not_zero CHECK (amount_cents <> 0)
);

CREATE INDEX wallet_lines_by_posting ON wallet_lines (posting_id);

-- The operator's system accounts exist from the start.
INSERT INTO wallet_accounts (id, kind, owner_id, balance_cents, negative_allowed, entry_count, created_at) VALUES
    ('system:funding', 'SYSTEM', 'funding', 0, 1, 0, 0),
    ('system:bank', 'SYSTEM', 'bank', 0, 1, 0, 0),
    ('system:payout', 'SYSTEM', 'payout', 0, 0, 0, 0),
    ('system:escrow', 'SYSTEM', 'escrow', 0, 0, 0, 0),
    ('system:fees', 'SYSTEM', 'fees', 0, 0, 0, 0);
