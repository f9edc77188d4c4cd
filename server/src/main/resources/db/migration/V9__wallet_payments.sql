-- Wallet payments: the payment PIN, idempotency keys, daily limits, chat transfers and red packets.
-- Written in the SQL that both SQLite and PostgreSQL accept; times are epoch milliseconds and
-- amounts integer euro cents. Posting ids are plain text (no foreign key): the ledger writes
-- its posting rows at the end of the batch that also writes these rows.

-- The payment PIN (Argon2id). failed_tries counts wrong tries since the last right one; the
-- fifth sets locked_until, and outgoing payments wait until then.
CREATE TABLE wallet_pins (
    account_id    TEXT PRIMARY KEY REFERENCES accounts (id),
    pin_hash      TEXT NOT NULL,
    failed_tries  INTEGER NOT NULL DEFAULT 0,
    locked_until  BIGINT,
    updated_at    BIGINT NOT NULL
);

-- The first successful response to each (account, Idempotency-Key), written in the same
-- transaction as the money it moved; request_hash is SHA-256 of the request without the PIN.
CREATE TABLE wallet_idempotency_keys (
    account_id     TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    operation      TEXT NOT NULL,
    request_hash   TEXT NOT NULL,
    status         INTEGER NOT NULL,
    response_body  TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);

CREATE INDEX wallet_idempotency_keys_by_age ON wallet_idempotency_keys (created_at);

-- Outgoing cents per account and UTC day, for the daily limit; updated with the payment.
CREATE TABLE wallet_daily_outgoing (
    account_id  TEXT NOT NULL,
    day         BIGINT NOT NULL,
    cents       BIGINT NOT NULL,
    PRIMARY KEY (account_id, day)
);

-- A transfer inside a 1:1 chat: held in escrow until the recipient accepts or declines, or
-- until it expires and is refunded.
CREATE TABLE wallet_chat_transfers (
    id                    TEXT PRIMARY KEY,
    conversation_id       TEXT NOT NULL,
    sender_account_id     TEXT NOT NULL,
    recipient_account_id  TEXT NOT NULL,
    amount_cents          BIGINT NOT NULL,
    memo                  TEXT,
    status                TEXT NOT NULL,
    created_at            BIGINT NOT NULL,
    expires_at            BIGINT NOT NULL,
    resolved_at           BIGINT,
    hold_posting_id       TEXT NOT NULL,
    resolve_posting_id    TEXT,
    CONSTRAINT wallet_chat_transfers_amount CHECK (amount_cents > 0),
    CONSTRAINT wallet_chat_transfers_status CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'REFUNDED'))
);

CREATE INDEX wallet_chat_transfers_pending ON wallet_chat_transfers (status, expires_at);
CREATE INDEX wallet_chat_transfers_by_sender ON wallet_chat_transfers (sender_account_id, created_at);
CREATE INDEX wallet_chat_transfers_by_recipient ON wallet_chat_transfers (recipient_account_id, created_at);

-- A red packet: total split into share_count shares at creation; members claim one share each;
-- the rest is refunded when it expires.
CREATE TABLE wallet_red_packets (
    id                 TEXT PRIMARY KEY,
    conversation_id    TEXT NOT NULL,
    sender_account_id  TEXT NOT NULL,
    total_cents        BIGINT NOT NULL,
    share_count        INTEGER NOT NULL,
    split              TEXT NOT NULL,
    memo               TEXT,
    status             TEXT NOT NULL,
    claimed_count      INTEGER NOT NULL DEFAULT 0,
    claimed_cents      BIGINT NOT NULL DEFAULT 0,
    refunded_cents     BIGINT NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL,
    expires_at         BIGINT NOT NULL,
    hold_posting_id    TEXT NOT NULL,
    refund_posting_id  TEXT,
    CONSTRAINT wallet_red_packets_total CHECK (total_cents >= share_count AND share_count > 0),
    CONSTRAINT wallet_red_packets_split CHECK (split IN ('EQUAL', 'LUCKY')),
    CONSTRAINT wallet_red_packets_status CHECK (status IN ('OPEN', 'EMPTY', 'REFUNDED'))
);

CREATE INDEX wallet_red_packets_open ON wallet_red_packets (status, expires_at);
CREATE INDEX wallet_red_packets_by_sender ON wallet_red_packets (sender_account_id, created_at);

CREATE TABLE wallet_red_packet_shares (
    red_packet_id        TEXT NOT NULL REFERENCES wallet_red_packets (id),
    share_index          INTEGER NOT NULL,
    amount_cents         BIGINT NOT NULL,
    claimed_by           TEXT,
    claimed_at           BIGINT,
    claim_posting_id     TEXT,
    PRIMARY KEY (red_packet_id, share_index),
    CONSTRAINT wallet_red_packet_shares_amount CHECK (amount_cents >= 1)
);

CREATE UNIQUE INDEX wallet_red_packet_shares_one_per_member ON wallet_red_packet_shares (red_packet_id, claimed_by);
CREATE INDEX wallet_red_packet_shares_by_claimer ON wallet_red_packet_shares (claimed_by, claimed_at);
