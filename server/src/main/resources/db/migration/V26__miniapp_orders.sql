-- The merchant account a mini-program's payments land in: one of its owner's approved merchants,
-- so payouts, statements and balances are the merchants' own. A table of its own rather than a
-- column on miniapps, so the registry's rows and store stay as they are.
CREATE TABLE miniapp_merchants (
    app_id       TEXT PRIMARY KEY,
    merchant_id  TEXT NOT NULL,
    linked_at    BIGINT NOT NULL
);
