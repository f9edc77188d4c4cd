-- Muted chats, per account, so every device of the account stays quiet: a muted chat wakes no
-- device and shows no notification. muted_until NULL means until unmuted.
CREATE TABLE conversation_mutes (
    account_id       TEXT NOT NULL REFERENCES accounts (id),
    conversation_id  TEXT NOT NULL,
    muted_until      BIGINT,
    PRIMARY KEY (account_id, conversation_id)
);

CREATE INDEX conversation_mutes_by_conversation ON conversation_mutes (conversation_id);
