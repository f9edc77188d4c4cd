-- Payment orders a mini-program's backend creates for one of its users; the provider's own order
-- number (out_trade_no) is its idempotency key, unique per app. The merchant is copied from
-- miniapp_merchants when the order is created, so relinking later does not move open orders.
CREATE TABLE miniapp_orders (
    order_id      TEXT PRIMARY KEY,
    app_id        TEXT NOT NULL,
    out_trade_no  TEXT NOT NULL,
    account_id    TEXT NOT NULL,
    open_id       TEXT NOT NULL,
    merchant_id   TEXT NOT NULL,
    amount_cents  BIGINT NOT NULL CHECK (amount_cents > 0),
    currency      TEXT NOT NULL,
    description   TEXT NOT NULL,
    status        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    UNIQUE (app_id, out_trade_no)
);

CREATE INDEX miniapp_orders_by_account ON miniapp_orders (account_id);
