-- Merchants: shops approved by the operator, their point-of-sale API keys, orders behind
-- dynamic QR codes, customers' one-minute payment codes, payments and refunds.
-- Same SQL for SQLite and PostgreSQL; times are epoch milliseconds, amounts euro cents.

-- A shop. Its owner (an Atrium account) applies; the operator approves (or suspends). The id
-- is what the EMVCo QR code carries, so it is short and never reused.
CREATE TABLE merchants (
    id                TEXT PRIMARY KEY,
    owner_account_id  TEXT NOT NULL,
    name              TEXT NOT NULL,
    city              TEXT NOT NULL,
    category_code     TEXT NOT NULL,
    status            TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    decided_at        BIGINT,
    CONSTRAINT merchants_status CHECK (status IN ('PENDING', 'APPROVED', 'SUSPENDED'))
);

CREATE INDEX merchants_by_owner ON merchants (owner_account_id, created_at);
CREATE INDEX merchants_by_status ON merchants (status, created_at);

-- Point-of-sale API keys, stored only as SHA-256; the key itself is shown once.
CREATE TABLE merchant_api_keys (
    id           TEXT PRIMARY KEY,
    merchant_id  TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    label        TEXT,
    created_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);

CREATE INDEX merchant_api_keys_by_merchant ON merchant_api_keys (merchant_id, created_at);

-- An order behind a dynamic QR code: a fixed amount, payable once before it expires.
CREATE TABLE merchant_orders (
    merchant_id      TEXT NOT NULL,
    order_reference  TEXT NOT NULL,
    amount_cents     BIGINT NOT NULL,
    bill_number      TEXT,
    payment_id       TEXT,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL,
    PRIMARY KEY (merchant_id, order_reference),
    CONSTRAINT merchant_orders_amount_positive CHECK (amount_cents > 0)
);

-- A customer's one-time payment code (customer-presented mode), stored as SHA-256, valid for
-- a minute, charged at most once (payment_id set when used).
CREATE TABLE wallet_payment_codes (
    code_hash   TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL,
    expires_at  BIGINT NOT NULL,
    payment_id  TEXT,
    created_at  BIGINT NOT NULL
);

CREATE INDEX wallet_payment_codes_by_expiry ON wallet_payment_codes (expires_at);

-- A payment from a customer to a merchant, however it was started. refunded_cents only grows
-- and never passes amount_cents (the check is the last line of defence; the service checks first).
-- merchant_seq numbers a merchant's payments 1, 2, 3 ... (assigned under the ledger's lock on the
-- merchant's account), so statements page by it without ties.
CREATE TABLE merchant_payments (
    id                TEXT PRIMARY KEY,
    merchant_id       TEXT NOT NULL,
    merchant_seq      BIGINT NOT NULL,
    payer_account_id  TEXT NOT NULL,
    amount_cents      BIGINT NOT NULL,
    refunded_cents    BIGINT NOT NULL DEFAULT 0,
    method            TEXT NOT NULL,
    order_reference   TEXT,
    created_at        BIGINT NOT NULL,
    CONSTRAINT merchant_payments_amount_positive CHECK (amount_cents > 0),
    CONSTRAINT merchant_payments_refund_bounded CHECK (refunded_cents >= 0 AND refunded_cents <= amount_cents),
    CONSTRAINT merchant_payments_method CHECK (method IN ('STATIC_QR', 'DYNAMIC_QR', 'PAYMENT_CODE'))
);

CREATE UNIQUE INDEX merchant_payments_by_merchant ON merchant_payments (merchant_id, merchant_seq);
CREATE INDEX merchant_payments_by_payer ON merchant_payments (payer_account_id, created_at);

CREATE TABLE merchant_refunds (
    id            TEXT PRIMARY KEY,
    payment_id    TEXT NOT NULL,
    amount_cents  BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    CONSTRAINT merchant_refunds_amount_positive CHECK (amount_cents > 0)
);

CREATE INDEX merchant_refunds_by_payment ON merchant_refunds (payment_id, created_at);
