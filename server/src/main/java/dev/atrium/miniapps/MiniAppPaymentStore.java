package dev.atrium.miniapps;

import dev.atrium.platform.db.Handle;
import java.util.Optional;

/** SQL for mini-program payments: which merchant account each app's money lands in. */
final class MiniAppPaymentStore {

  /** Links {@code appId} to {@code merchantId}, replacing an earlier link. */
  void linkMerchant(Handle handle, String appId, String merchantId, long nowMillis) {
    if (handle.update(
            "UPDATE miniapp_merchants SET merchant_id = ?, linked_at = ? WHERE app_id = ?",
            merchantId,
            nowMillis,
            appId)
        == 0) {
      handle.update(
          "INSERT INTO miniapp_merchants (app_id, merchant_id, linked_at) VALUES (?, ?, ?)",
          appId,
          merchantId,
          nowMillis);
    }
  }

  Optional<String> merchantOf(Handle handle, String appId) {
    return handle.queryOne(
        "SELECT merchant_id FROM miniapp_merchants WHERE app_id = ?",
        row -> row.getString(1),
        appId);
  }
}
