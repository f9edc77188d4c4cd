-- Mini-program users: pseudonymous ids, login codes, consents, the access log, per-user storage.
-- Times are epoch milliseconds. app_id names a mini-program of the registry (V22).

-- The HMAC key pseudonymous ids are derived under: 32 random bytes (standard base64), generated
-- once by the first node that needs it and shared by all. Losing or changing it changes every
-- openId, so it is never rotated.
CREATE TABLE miniapp_pseudonym_keys (
    id          INTEGER PRIMARY KEY,
    secret_key  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    CONSTRAINT miniapp_pseudonym_keys_single_row CHECK (id = 1)
);

-- Who used which app, under which pseudonym: the reverse lookup for provider calls (openId ->
-- account), and what the account's export and deletion find.
CREATE TABLE miniapp_users (
    app_id          TEXT NOT NULL,
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    open_id         TEXT NOT NULL,
    first_login_at  BIGINT NOT NULL,
    last_seen_at    BIGINT NOT NULL,
    PRIMARY KEY (app_id, account_id),
    CONSTRAINT miniapp_users_open_id UNIQUE (app_id, open_id)
);

CREATE INDEX miniapp_users_by_account ON miniapp_users (account_id, last_seen_at);

-- One-time login codes: only their SHA-256 is kept; a code is deleted when exchanged.
CREATE TABLE miniapp_login_codes (
    code_hash   TEXT PRIMARY KEY,
    app_id      TEXT NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    expires_at  BIGINT NOT NULL
);

CREATE INDEX miniapp_login_codes_expiry ON miniapp_login_codes (expires_at);
CREATE INDEX miniapp_login_codes_by_account ON miniapp_login_codes (account_id);

-- Scopes the account granted to an app (profile, location), with when.
CREATE TABLE miniapp_consents (
    app_id      TEXT NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    scope       TEXT NOT NULL,
    granted_at  BIGINT NOT NULL,
    PRIMARY KEY (app_id, account_id, scope)
);

CREATE INDEX miniapp_consents_by_account ON miniapp_consents (account_id);

-- Every access an app made to the account's data; bounded per account and app (pruned on insert).
CREATE TABLE miniapp_access_log (
    id          TEXT PRIMARY KEY,
    app_id      TEXT NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    kind        TEXT NOT NULL,
    at          BIGINT NOT NULL
);

CREATE INDEX miniapp_access_log_by_user ON miniapp_access_log (account_id, app_id, at);

-- The app's own key/value items per user.
CREATE TABLE miniapp_storage (
    app_id      TEXT NOT NULL,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    item_key    TEXT NOT NULL,
    item_value  TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (app_id, account_id, item_key)
);
