-- Mini-programs registered by providers (an Atrium account), reviewed by the operator. app_id is
-- 'ma' + 16 lower-case base32 characters, a DNS label, because it becomes {app_id}.apps.<host>.
-- The lists (languages, domains, scopes with reasons) are JSON text: they are read and written
-- whole with the app, never queried. The secret is stored only as its SHA-256 (hex).
CREATE TABLE miniapps (
    app_id            TEXT PRIMARY KEY,
    owner_account_id  TEXT NOT NULL,
    name              TEXT NOT NULL,
    icon              TEXT,
    category          TEXT NOT NULL,
    description       TEXT NOT NULL,
    languages_json    TEXT NOT NULL,
    domains_json      TEXT NOT NULL,
    scopes_json       TEXT NOT NULL,
    webhook_url       TEXT,
    secret_hash       TEXT NOT NULL,
    status            TEXT NOT NULL,
    status_reason     TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    decided_at        BIGINT
);

CREATE INDEX miniapps_by_owner ON miniapps (owner_account_id, created_at);
CREATE INDEX miniapps_by_status ON miniapps (status, created_at);
