-- Identity: accounts, their devices (sessions), invites and operator settings.
-- Written in the SQL that both SQLite and PostgreSQL accept; times are epoch milliseconds.

CREATE TABLE accounts (
    id              TEXT PRIMARY KEY,
    -- Normalised to lower case, so uniqueness is case-insensitive; NULL once the account is deleted.
    username        TEXT UNIQUE,
    display_name    TEXT,
    language        TEXT NOT NULL,
    password_hash   TEXT,
    status          TEXT NOT NULL,
    -- Kept in step with the devices table so the per-account device cap holds under concurrency.
    device_count    INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    deleted_at      BIGINT,
    CONSTRAINT accounts_status_known CHECK (status IN ('ACTIVE', 'DISABLED', 'DELETED')),
    CONSTRAINT accounts_device_count_not_negative CHECK (device_count >= 0)
);

CREATE TABLE devices (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    name            TEXT NOT NULL,
    -- SHA-256 of the bearer token; the token itself is never stored.
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      BIGINT NOT NULL,
    last_seen_at    BIGINT NOT NULL
);

CREATE INDEX devices_by_account ON devices (account_id, created_at);

CREATE TABLE invites (
    -- SHA-256 of the invite code; the code is shown once, to the operator who made it.
    code_hash           TEXT PRIMARY KEY,
    note                TEXT,
    created_at          BIGINT NOT NULL,
    expires_at          BIGINT,
    used_at             BIGINT,
    used_by_account_id  TEXT REFERENCES accounts (id)
);

CREATE TABLE settings (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);
