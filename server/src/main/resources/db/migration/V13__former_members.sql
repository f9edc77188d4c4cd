-- Accounts that were members of a conversation and are no longer (they left, or were removed).
-- The remaining members' devices may still have commits to check in which a former member's
-- devices appear (an add processed after the added account had already left, or a leaf nobody
-- has removed yet that a newcomer finds in the tree), so the key directory keeps showing them a
-- former member's keys. One row per account and conversation. Same SQL for SQLite and PostgreSQL.
CREATE TABLE conversation_former_members (
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    left_at         BIGINT NOT NULL,
    PRIMARY KEY (conversation_id, account_id)
);

CREATE INDEX conversation_former_members_by_account ON conversation_former_members (account_id);
