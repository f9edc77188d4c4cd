-- Media: encrypted attachments. The blobs live on disk under <dataDir>/blobs; these rows say who
-- uploaded which blob, how large it is and when it expires. The server never sees plaintext.
-- Written in the SQL that both SQLite and PostgreSQL accept; times are epoch milliseconds.

CREATE TABLE attachments (
    -- "att_" and 256 random bits: the capability that lets any authenticated account download it.
    id                   TEXT PRIMARY KEY,
    uploader_account_id  TEXT NOT NULL REFERENCES accounts (id),
    size_bytes           BIGINT NOT NULL,
    -- SHA-256 of the stored (encrypted) bytes, hex, so clients can verify what they download.
    sha256               TEXT NOT NULL,
    created_at           BIGINT NOT NULL,
    expires_at           BIGINT NOT NULL,
    CONSTRAINT attachments_size_positive CHECK (size_bytes > 0)
);

CREATE INDEX attachments_by_expiry ON attachments (expires_at);
CREATE INDEX attachments_by_uploader ON attachments (uploader_account_id, created_at);

-- Kept in step with the attachments table so the per-account quota holds under concurrency.
CREATE TABLE attachment_usage (
    account_id    TEXT PRIMARY KEY REFERENCES accounts (id),
    stored_bytes  BIGINT NOT NULL,
    CONSTRAINT attachment_usage_not_negative CHECK (stored_bytes >= 0)
);
