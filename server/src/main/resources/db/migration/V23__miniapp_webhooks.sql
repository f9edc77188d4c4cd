-- Mini-program webhooks: the outbox of events for providers, and each app's signing secret.
-- app_id names a mini-program of the registry (table miniapps, V22) without a foreign key, so
-- this feature stands on its own; the registry removes an app's rows when it deletes the app.

-- One row per event. It is written in the transaction of the change that caused it (the outbox
-- pattern), so an event exists exactly when its cause was committed. The dispatcher claims due
-- rows with a lease (lease_token, lease_until): one node sends an event at a time, and a node that
-- dies mid-send leaves a lease that runs out. Times are epoch milliseconds.
CREATE TABLE miniapp_webhook_events (
    id                TEXT PRIMARY KEY,
    app_id            TEXT NOT NULL,
    event_type        TEXT NOT NULL,
    body              TEXT NOT NULL,
    status            TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    attempts          INTEGER NOT NULL,
    next_attempt_at   BIGINT NOT NULL,
    give_up_at        BIGINT NOT NULL,
    lease_token       TEXT,
    lease_until       BIGINT,
    last_attempt_at   BIGINT,
    last_status_code  INTEGER,
    last_error        TEXT,
    delivered_at      BIGINT,
    CONSTRAINT miniapp_webhook_events_status CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
);

CREATE INDEX miniapp_webhook_events_due ON miniapp_webhook_events (status, next_attempt_at);
CREATE INDEX miniapp_webhook_events_by_app ON miniapp_webhook_events (app_id, created_at);
CREATE INDEX miniapp_webhook_events_by_app_status
    ON miniapp_webhook_events (app_id, status, created_at);

-- The HMAC key each app's webhooks are signed with (whsec_...). It is kept in clear: the server
-- needs the key itself to sign, so a hash would not do, and encrypting it under a key from the
-- same configuration would only move the secret. Whoever reads this table can forge webhooks to
-- the app's provider, nothing more. After a rotation the previous key keeps signing alongside the
-- new one until previous_valid_until, so the provider can switch without losing events.
CREATE TABLE miniapp_webhook_secrets (
    app_id                TEXT PRIMARY KEY,
    secret                TEXT NOT NULL,
    previous_secret       TEXT,
    previous_valid_until  BIGINT,
    created_at            BIGINT NOT NULL
);
