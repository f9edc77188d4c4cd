-- Contacts: pending friend requests, friendships, blocks and each account's contact link.
-- Written in the SQL that both SQLite and PostgreSQL accept; times are epoch milliseconds.

CREATE TABLE contact_requests (
    id                    TEXT PRIMARY KEY,
    sender_account_id     TEXT NOT NULL REFERENCES accounts (id),
    recipient_account_id  TEXT NOT NULL REFERENCES accounts (id),
    -- The two account ids in sorted order, joined by ':': at most one pending request per pair,
    -- whichever way it goes, so a request in the opposite direction is found and accepted.
    pair_key              TEXT NOT NULL UNIQUE,
    note                  TEXT,
    created_at            BIGINT NOT NULL,
    CONSTRAINT contact_requests_not_to_self CHECK (sender_account_id <> recipient_account_id)
);

CREATE INDEX contact_requests_by_sender ON contact_requests (sender_account_id, created_at, id);
CREATE INDEX contact_requests_by_recipient ON contact_requests (recipient_account_id, created_at, id);

-- A friendship is two rows, one per side, written and deleted in the same transaction, so that
-- each side's list is one indexed range.
CREATE TABLE contacts (
    account_id          TEXT NOT NULL REFERENCES accounts (id),
    contact_account_id  TEXT NOT NULL REFERENCES accounts (id),
    created_at          BIGINT NOT NULL,
    PRIMARY KEY (account_id, contact_account_id),
    CONSTRAINT contacts_not_self CHECK (account_id <> contact_account_id)
);

CREATE INDEX contacts_by_contact ON contacts (contact_account_id);

CREATE TABLE contact_blocks (
    blocker_account_id  TEXT NOT NULL REFERENCES accounts (id),
    blocked_account_id  TEXT NOT NULL REFERENCES accounts (id),
    created_at          BIGINT NOT NULL,
    PRIMARY KEY (blocker_account_id, blocked_account_id),
    CONSTRAINT contact_blocks_not_self CHECK (blocker_account_id <> blocked_account_id)
);

CREATE INDEX contact_blocks_by_blocked ON contact_blocks (blocked_account_id);

CREATE TABLE contact_links (
    account_id  TEXT PRIMARY KEY REFERENCES accounts (id),
    -- Stored as is, not hashed: the owner must be able to show the same link again, and the
    -- link grants no more than the right to send a contact request.
    token       TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
