-- MLS key directory: each device's signature public key, its one-time key packages and its
-- last-resort key package. Written in the SQL that both SQLite and PostgreSQL accept; times are
-- epoch milliseconds; keys and key packages are standard base64 text.
--
-- Every row hangs off the device with ON DELETE CASCADE: whatever revokes a device (logout,
-- revocation, password change, disabling, account deletion) removes its keys in the same
-- transaction, so no other account can fetch a revoked device's key or key packages.

CREATE TABLE device_identity_keys (
    device_id             TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    account_id            TEXT NOT NULL REFERENCES accounts (id),
    ciphersuite           INTEGER NOT NULL,
    signature_public_key  TEXT NOT NULL,
    -- Kept in step with key_packages so the per-device cap holds under concurrent uploads.
    key_package_count     INTEGER NOT NULL DEFAULT 0,
    created_at            BIGINT NOT NULL,
    CONSTRAINT device_identity_keys_ciphersuite_known CHECK (ciphersuite BETWEEN 1 AND 65535),
    CONSTRAINT device_identity_keys_count_not_negative CHECK (key_package_count >= 0)
);

CREATE INDEX device_identity_keys_by_account ON device_identity_keys (account_id, created_at);

CREATE TABLE key_packages (
    id           TEXT PRIMARY KEY,
    device_id    TEXT NOT NULL REFERENCES device_identity_keys (device_id) ON DELETE CASCADE,
    ciphersuite  INTEGER NOT NULL,
    data         TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);

CREATE INDEX key_packages_by_device ON key_packages (device_id, ciphersuite, created_at);

-- Handed out when a device has no one-time key package left, and never deleted by a claim.
CREATE TABLE last_resort_key_packages (
    device_id    TEXT PRIMARY KEY REFERENCES device_identity_keys (device_id) ON DELETE CASCADE,
    ciphersuite  INTEGER NOT NULL,
    data         TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
