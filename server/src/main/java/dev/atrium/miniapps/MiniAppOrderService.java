package dev.atrium.miniapps;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;

/**
 * Payment orders a mini-program's backend creates for its users, idempotent on the provider's order
 * number ({@code outTradeNo}). The money lands in the app's linked merchant, copied onto the order
 * when it is created. Thread-safe: all state is in the database.
 */
public final class MiniAppOrderService {
  /** Largest order: 100 000 euro, far above any mini-program purchase, far below overflow. */
  static final long AMOUNT_CENTS_MAX = 10_000_000L;

  static final int DESCRIPTION_CHARS_MAX = 128;
  static final int OUT_TRADE_NO_CHARS_MAX = 64;
  static final int EXPIRES_IN_SECONDS_DEFAULT = 900;
  static final int EXPIRES_IN_SECONDS_MAX = 7200;
  static final int EXPIRES_IN_SECONDS_MIN = 60;
  static final String CURRENCY = "EUR";

  private final Database database;
  private final MiniAppUsers users;
  private final Clock clock;
  private final MiniAppPaymentStore links = new MiniAppPaymentStore();
  private final MiniAppOrderStore store = new MiniAppOrderStore();

  MiniAppOrderService(Database database, MiniAppUsers users, Clock clock) {
    this.database = database;
    this.users = users;
    this.clock = clock;
  }

  /** What a provider asks for; {@code expiresInSeconds} null means the default. */
  record CreateOrder(
      String outTradeNo,
      long amountCents,
      String currency,
      String description,
      String openId,
      Integer expiresInSeconds) {}

  /** The order and whether this call created it or found the same earlier one. */
  record Created(MiniAppOrder order, boolean created) {}

  /**
   * Creates the order, or answers the earlier one for the same outTradeNo and fields (409
   * out_trade_no_reused for other fields); 404 miniapp_user_not_found for an openId this app does
   * not know, 409 merchant_not_linked when the app has no merchant account.
   */
  Created create(MiniApp app, CreateOrder request) {
    validate(request);
    int ttl =
        request.expiresInSeconds() == null
            ? EXPIRES_IN_SECONDS_DEFAULT
            : request.expiresInSeconds();
    return database.inTransaction(
        handle -> {
          String accountId = users.accountOf(handle, app, request.openId());
          String merchantId =
              links
                  .merchantOf(handle, app.appId())
                  .orElseThrow(MiniAppPaymentError.OrderMerchantNotLinked::new);
          long now = clock.millis();
          MiniAppOrder order =
              new MiniAppOrder(
                  "mo_" + SecretTokens.newId(),
                  app.appId(),
                  request.outTradeNo(),
                  accountId,
                  request.openId(),
                  merchantId,
                  request.amountCents(),
                  request.currency(),
                  request.description(),
                  MiniAppOrder.CREATED,
                  now,
                  now + ttl * 1000L);
          if (store.insert(handle, order)) {
            return new Created(order, true);
          }
          MiniAppOrder earlier =
              store.byOutTradeNo(handle, app.appId(), request.outTradeNo()).orElseThrow();
          if (!earlier.sameRequest(
              request.amountCents(), request.currency(), request.description(), request.openId())) {
            throw new MiniAppPaymentError.OutTradeNoReused();
          }
          return new Created(earlier, false);
        });
  }

  /** The app's order, 404 order_not_found for another app's or an unknown id. */
  MiniAppOrder get(MiniApp app, String orderId) {
    return database
        .read(handle -> store.byId(handle, app.appId(), orderId))
        .orElseThrow(MiniAppPaymentError.OrderNotFound::new);
  }

  long now() {
    return clock.millis();
  }

  private static void validate(CreateOrder request) {
    if (!printable(request.outTradeNo(), OUT_TRADE_NO_CHARS_MAX)) {
      throw RequestError.validation(
          "outTradeNo",
          "Your order number: 1-" + OUT_TRADE_NO_CHARS_MAX + " printable characters.");
    }
    if (request.amountCents() < 1 || request.amountCents() > AMOUNT_CENTS_MAX) {
      throw RequestError.validation("amountCents", "Cents, from 1 to " + AMOUNT_CENTS_MAX + ".");
    }
    if (!CURRENCY.equals(request.currency())) {
      throw RequestError.validation("currency", "Only EUR.");
    }
    if (!printable(request.description(), DESCRIPTION_CHARS_MAX)) {
      throw RequestError.validation(
          "description", "1-" + DESCRIPTION_CHARS_MAX + " characters, no control characters.");
    }
    if (request.openId() == null || request.openId().isEmpty()) {
      throw RequestError.validation("openId", "The user's openId for this mini-program.");
    }
    Integer ttl = request.expiresInSeconds();
    if (ttl != null && (ttl < EXPIRES_IN_SECONDS_MIN || ttl > EXPIRES_IN_SECONDS_MAX)) {
      throw RequestError.validation(
          "expiresInSeconds",
          "From " + EXPIRES_IN_SECONDS_MIN + " to " + EXPIRES_IN_SECONDS_MAX + " seconds.");
    }
  }

  private static boolean printable(String text, int charsMax) {
    return text != null
        && !text.isBlank()
        && text.length() <= charsMax
        && text.chars().noneMatch(Character::isISOControl);
  }
}
