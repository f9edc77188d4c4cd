-- Device links: a new browser asks to become a device of an account; a logged-in device of that
-- account approves by scanning the request's QR code. Single use and short-lived; both secrets
-- are stored only as SHA-256.

CREATE TABLE device_links (
    -- Hash of the code in the QR code, which the approving device sends.
    code_hash               TEXT PRIMARY KEY,
    -- Hash of the secret only the new browser holds; it collects the session with it.
    poll_secret_hash        TEXT NOT NULL UNIQUE,
    device_name             TEXT NOT NULL,
    status                  TEXT NOT NULL,
    account_id              TEXT REFERENCES accounts (id),
    approved_by_device_id   TEXT,
    created_at              BIGINT NOT NULL,
    expires_at              BIGINT NOT NULL,
    CONSTRAINT device_links_status_known CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED')),
    CONSTRAINT device_links_approved_has_account CHECK (status <> 'APPROVED' OR account_id IS NOT NULL)
);

CREATE INDEX device_links_by_expiry ON device_links (expires_at);
