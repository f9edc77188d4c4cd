package dev.atrium.miniapps;

import dev.atrium.platform.db.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL for mini-program payment orders (table {@code miniapp_orders}, V28). */
final class MiniAppOrderStore {
  private static final String COLUMNS =
      "order_id, app_id, out_trade_no, account_id, open_id, merchant_id, amount_cents, currency,"
          + " description, status, created_at, expires_at";

  /** Inserts the order unless the app already used its outTradeNo; true when inserted. */
  boolean insert(Handle handle, MiniAppOrder order) {
    return handle.update(
            "INSERT INTO miniapp_orders ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (app_id, out_trade_no) DO NOTHING",
            order.orderId(),
            order.appId(),
            order.outTradeNo(),
            order.accountId(),
            order.openId(),
            order.merchantId(),
            order.amountCents(),
            order.currency(),
            order.description(),
            order.status(),
            order.createdAt(),
            order.expiresAt())
        == 1;
  }

  Optional<MiniAppOrder> byOutTradeNo(Handle handle, String appId, String outTradeNo) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM miniapp_orders WHERE app_id = ? AND out_trade_no = ?",
        MiniAppOrderStore::order,
        appId,
        outTradeNo);
  }

  /** The order when it belongs to {@code appId}; another app's order is not found. */
  Optional<MiniAppOrder> byId(Handle handle, String appId, String orderId) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM miniapp_orders WHERE order_id = ? AND app_id = ?",
        MiniAppOrderStore::order,
        orderId,
        appId);
  }

  private static MiniAppOrder order(ResultSet row) throws SQLException {
    return new MiniAppOrder(
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getLong(7),
        row.getString(8),
        row.getString(9),
        row.getString(10),
        row.getLong(11),
        row.getLong(12));
  }
}
