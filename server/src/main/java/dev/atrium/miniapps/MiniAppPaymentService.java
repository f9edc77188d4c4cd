package dev.atrium.miniapps;

import dev.atrium.platform.db.Database;
import java.time.Clock;
import java.util.Optional;

/**
 * Mini-program payments: which of its owner's merchant accounts an app's money lands in. The
 * merchants are reached only through {@link MiniAppCashier}. Thread-safe: all state is in the
 * database.
 */
public final class MiniAppPaymentService {
  private final Database database;
  private final MiniAppService registry;
  private final MiniAppCashier cashier;
  private final Clock clock;
  private final MiniAppPaymentStore store = new MiniAppPaymentStore();

  MiniAppPaymentService(
      Database database, MiniAppService registry, MiniAppCashier cashier, Clock clock) {
    this.database = database;
    this.registry = registry;
    this.cashier = cashier;
    this.clock = clock;
  }

  /** The app and the merchant its payments land in, with the merchant's name. */
  public record MerchantLink(String appId, String merchantId, String merchantName) {}

  /**
   * Links the caller's app to one of the caller's approved merchants (404 for another's app or
   * merchant, 409 merchant_not_approved), replacing an earlier link; later payments land there.
   */
  MerchantLink linkMerchant(String ownerAccountId, String appId, String merchantId) {
    MiniApp app = registry.owned(ownerAccountId, appId);
    String name = cashier.requireApprovedMerchant(ownerAccountId, merchantId);
    database.inTransaction(
        handle -> {
          store.linkMerchant(handle, app.appId(), merchantId, clock.millis());
          return null;
        });
    return new MerchantLink(app.appId(), merchantId, name);
  }

  /** The caller's app's link, or 404 merchant_not_linked when none was set. */
  MerchantLink merchantLink(String ownerAccountId, String appId) {
    MiniApp app = registry.owned(ownerAccountId, appId);
    String merchantId =
        merchantOf(app.appId()).orElseThrow(MiniAppPaymentError.MerchantNotLinked::new);
    return new MerchantLink(
        app.appId(), merchantId, cashier.requireApprovedMerchant(ownerAccountId, merchantId));
  }

  /** The merchant an app's payments land in, if its owner linked one. */
  public Optional<String> merchantOf(String appId) {
    return database.read(handle -> store.merchantOf(handle, appId));
  }
}
