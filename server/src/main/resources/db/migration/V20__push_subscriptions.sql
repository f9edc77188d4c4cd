-- Web Push (RFC 8030/8291/8292): the server's VAPID key pair, and one push subscription per
-- device. A push wakes a device whose app is closed; it carries neither content nor sender.
--
-- The VAPID private key signs the tokens push services check; it cannot be hashed. Whoever holds
-- it and an endpoint can send wake-ups, nothing more: the payload key (p256dh/auth) encrypts what
-- the device reads, and the payload holds no message. One row, made on first use by whichever
-- node gets there first, so every node of a cluster signs with the same key.
CREATE TABLE push_server_keys (
    id           INTEGER PRIMARY KEY,
    public_key   TEXT NOT NULL,
    private_key  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    CONSTRAINT push_server_keys_single_row CHECK (id = 1)
);

-- A device's subscription goes with the device (ON DELETE CASCADE): logging out, revoking a
-- device or deleting the account stops its pushes in the same transaction.
CREATE TABLE push_subscriptions (
    device_id        TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    account_id       TEXT NOT NULL REFERENCES accounts (id),
    endpoint         TEXT NOT NULL,
    p256dh           TEXT NOT NULL,
    auth             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    last_pushed_at   BIGINT
);

CREATE INDEX push_subscriptions_by_account ON push_subscriptions (account_id);
