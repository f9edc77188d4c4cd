-- Messaging: conversations (each an MLS group), members, the append-only envelope log per
-- conversation, per-device cursors, per-device items (Welcome messages) and read cursors.
-- The server stores ciphertext it cannot read and only the metadata it needs to route it.

CREATE TABLE conversations (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    -- Opaque to the server; clients may encrypt it. NULL for direct conversations.
    name            TEXT,
    -- For direct conversations: both account ids, sorted and joined, so a pair has one conversation.
    direct_key      TEXT UNIQUE,
    -- The MLS epoch the group is in; a commit must name it and advances it by one.
    epoch           BIGINT NOT NULL,
    -- The sequence number of the newest envelope; envelopes are numbered 1, 2, 3, ...
    last_seq        BIGINT NOT NULL,
    invite_token    TEXT UNIQUE,
    created_by      TEXT NOT NULL REFERENCES accounts (id),
    created_at      BIGINT NOT NULL,
    CONSTRAINT conversations_kind_known CHECK (kind IN ('DIRECT', 'GROUP'))
);

CREATE TABLE conversation_members (
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    role            TEXT NOT NULL,
    joined_at       BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, account_id),
    CONSTRAINT conversation_members_role_known CHECK (role IN ('ADMIN', 'MEMBER'))
);

CREATE INDEX conversation_members_by_account ON conversation_members (account_id);

-- Accounts that used a group's invite link and wait for a member's client to add them by commit.
CREATE TABLE conversation_join_requests (
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, account_id)
);

CREATE TABLE envelopes (
    conversation_id    TEXT NOT NULL,
    seq                BIGINT NOT NULL,
    sender_account_id  TEXT NOT NULL,
    sender_device_id   TEXT NOT NULL,
    client_message_id  TEXT NOT NULL,
    kind               TEXT NOT NULL,
    epoch              BIGINT NOT NULL,
    ciphertext         BYTEA NOT NULL,
    created_at         BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

-- A retried send (same device, same client message id) finds its first result here.
CREATE UNIQUE INDEX envelopes_idempotency ON envelopes (sender_device_id, client_message_id);
CREATE INDEX envelopes_by_age ON envelopes (created_at);

-- The devices that are leaves of a conversation's MLS group, and how far each has acknowledged.
CREATE TABLE device_cursors (
    device_id        TEXT NOT NULL,
    conversation_id  TEXT NOT NULL REFERENCES conversations (id),
    account_id       TEXT NOT NULL,
    acked_seq        BIGINT NOT NULL,
    PRIMARY KEY (device_id, conversation_id)
);

CREATE INDEX device_cursors_by_conversation ON device_cursors (conversation_id);

-- Items addressed to one device (Welcome messages), delivered until acknowledged.
CREATE TABLE device_items (
    id               TEXT PRIMARY KEY,
    device_id        TEXT NOT NULL,
    conversation_id  TEXT NOT NULL,
    kind             TEXT NOT NULL,
    seq              BIGINT NOT NULL,
    payload          BYTEA NOT NULL,
    created_at       BIGINT NOT NULL
);

CREATE INDEX device_items_by_device ON device_items (device_id, created_at);
CREATE INDEX device_items_by_age ON device_items (created_at);

-- How far each account has read each conversation, shared with its devices and, if allowed, the group.
CREATE TABLE read_cursors (
    account_id       TEXT NOT NULL,
    conversation_id  TEXT NOT NULL,
    read_seq         BIGINT NOT NULL,
    PRIMARY KEY (account_id, conversation_id)
);

CREATE TABLE messaging_preferences (
    account_id           TEXT PRIMARY KEY REFERENCES accounts (id),
    share_read_receipts  INTEGER NOT NULL
);
