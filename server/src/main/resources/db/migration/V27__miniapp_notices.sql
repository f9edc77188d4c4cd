-- Mini-program notifications (issue 14): the templates a provider declares, the one-time opt-ins
-- users give (each a credit for one message), and the notices delivered, per account.
-- variants_json holds [{language, title, body}] in the provider's order (the first is the
-- fallback); placeholders_json the names used by any variant. Both are read and written whole.
CREATE TABLE miniapp_notice_templates (
    template_id        TEXT PRIMARY KEY,
    app_id             TEXT NOT NULL,
    kind               TEXT NOT NULL,
    variants_json      TEXT NOT NULL,
    placeholders_json  TEXT NOT NULL,
    created_at         BIGINT NOT NULL
);

CREATE INDEX miniapp_notice_templates_by_app ON miniapp_notice_templates (app_id, created_at);

-- One row per (account, template) while credits remain; a send spends one, a withdrawal or the
-- template's deletion removes the row.
CREATE TABLE miniapp_notice_opt_ins (
    account_id   TEXT NOT NULL,
    template_id  TEXT NOT NULL,
    app_id       TEXT NOT NULL,
    credits      INTEGER NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, template_id)
);

CREATE INDEX miniapp_notice_opt_ins_by_template ON miniapp_notice_opt_ins (template_id);

-- The system chat "Mini-program notifications": rendered text, kept to the newest 500 per account.
CREATE TABLE miniapp_notices (
    notice_id    TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL,
    app_id       TEXT NOT NULL,
    template_id  TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    path         TEXT,
    created_at   BIGINT NOT NULL,
    read_at      BIGINT
);

CREATE INDEX miniapp_notices_by_account ON miniapp_notices (account_id, created_at, notice_id);
