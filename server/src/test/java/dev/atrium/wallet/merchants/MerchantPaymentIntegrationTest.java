package dev.atrium.wallet.merchants;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MerchantModels.Merchant;
import dev.atrium.sdk.MerchantModels.Order;
import dev.atrium.sdk.MerchantModels.Payment;
import dev.atrium.sdk.MerchantModels.PaymentCode;
import dev.atrium.sdk.MerchantModels.PaymentPage;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.emvco.Crc16Ccitt;
import dev.atrium.wallet.emvco.MerchantPresentedQr;
import dev.atrium.wallet.emvco.Tlv;
import dev.atrium.wallet.emvco.Tlv.DataObject;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Paying merchants: static and dynamic codes, payment codes charged once, bounded refunds,
 * statements.
 */
class MerchantPaymentIntegrationTest {
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static final String PIN = "246813";
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .set("ATRIUM_WALLET_SANDBOX_TOP_UP_ENABLED", "true")
            .clock(CLOCK)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void staticCode_customerTypesTheAmount_andTheSameKeyPaysOnce() {
    Shop shop = shop();
    AtriumClient customer = customer(10_000);
    String payload = shop.owner().merchants().staticCode(shop.merchant().id()).payload();
    String key = UUID.randomUUID().toString();

    Payment payment = customer.merchants().pay(payload, 1_250L, PIN, key);
    Payment replay = customer.merchants().pay(payload, 1_250L, PIN, key);

    assertThat(payment.method()).isEqualTo("STATIC_QR");
    assertThat(payment.amountCents()).isEqualTo(1_250);
    assertThat(replay).isEqualTo(payment);
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(8_750);
    assertThat(merchantBalance(shop)).isEqualTo(1_250);
    assertThat(
            catchApi(
                    () ->
                        customer.merchants().pay(payload, null, PIN, UUID.randomUUID().toString()))
                .field())
        .isEqualTo("amountCents");
    assertThat(
            catchApi(
                    () ->
                        customer
                            .merchants()
                            .pay(payload, 100L, "111111", UUID.randomUUID().toString()))
                .code())
        .isEqualTo("pin_wrong");
    assertThat(
            catchApi(
                    () ->
                        customer
                            .merchants()
                            .pay(payload, 20_000L, PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("insufficient_funds");
    assertThat(
            catchApi(
                    () ->
                        customer
                            .merchants()
                            .pay("000201hello", 100L, PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("invalid_qr_code");
  }

  @Test
  void dynamicCode_fixesTheAmount_andIsPaidOnlyOnce() {
    Shop shop = shop();
    AtriumClient first = customer(5_000);
    AtriumClient second = customer(5_000);
    Order order =
        shop.till()
            .merchants()
            .createOrder("ord-" + UUID.randomUUID().toString().substring(0, 8), 800, null);

    Payment payment =
        first.merchants().pay(order.qrPayload(), null, PIN, UUID.randomUUID().toString());

    assertThat(payment.method()).isEqualTo("DYNAMIC_QR");
    assertThat(payment.orderReference()).isEqualTo(order.orderReference());
    assertThat(shop.till().merchants().order(order.orderReference()).status()).isEqualTo("PAID");
    assertThat(shop.till().merchants().order(order.orderReference()).paymentId())
        .isEqualTo(payment.id());
    assertThat(
            catchApi(
                    () ->
                        second
                            .merchants()
                            .pay(order.qrPayload(), null, PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("already_paid");
    assertThat(
            catchApi(
                    () ->
                        second
                            .merchants()
                            .pay(order.qrPayload(), 1L, PIN, UUID.randomUUID().toString()))
                .field())
        .isEqualTo("amountCents");
    assertThat(second.wallet().get().balanceCents()).isEqualTo(5_000);
    assertThat(merchantBalance(shop)).isEqualTo(800);
  }

  @Test
  void dynamicCodeWithRewrittenAmount_isRefused_andTheGenuineCodeStillPays() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    Order order =
        shop.till()
            .merchants()
            .createOrder("tamper-" + UUID.randomUUID().toString().substring(0, 8), 250, null);
    String cheap = rewritten(order.qrPayload(), "54", "0.01");

    RawResponse refused = payRaw(customer, cheap, null);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorCode()).isEqualTo("qr_code_mismatch");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(5_000);
    assertThat(shop.till().merchants().order(order.orderReference()).status()).isEqualTo("OPEN");
    Payment genuine =
        customer.merchants().pay(order.qrPayload(), null, PIN, UUID.randomUUID().toString());
    assertThat(genuine.amountCents()).isEqualTo(250);
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(4_750);
    assertThat(merchantBalance(shop)).isEqualTo(250);
  }

  @Test
  void dynamicCodeWithRewrittenCurrencyMerchantFieldsOrBill_isRefusedAndNothingMoves() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    Order order =
        shop.till()
            .merchants()
            .createOrder("fields-" + UUID.randomUUID().toString().substring(0, 8), 400, "bill-1");
    List<String> forged =
        List.of(
            rewritten(order.qrPayload(), "53", "840"),
            rewritten(order.qrPayload(), "59", "Other Shop"),
            rewritten(order.qrPayload(), "60", "Paris"),
            rewritten(order.qrPayload(), "52", "5999"),
            rewritten(order.qrPayload(), "58", "FR"),
            rewritten(order.qrPayload(), "62", "0106bill-2"),
            rewritten(order.qrPayload(), "01", "11"));

    for (String payload : forged) {
      RawResponse refused = payRaw(customer, payload, 400L);
      assertThat(refused.status()).as(payload).isEqualTo(422);
      assertThat(refused.errorCode()).as(payload).isIn("qr_code_mismatch", "invalid_qr_code");
    }

    assertThat(customer.wallet().get().balanceCents()).isEqualTo(5_000);
    assertThat(shop.till().merchants().order(order.orderReference()).status()).isEqualTo("OPEN");
    assertThat(
            customer
                .merchants()
                .pay(order.qrPayload(), null, PIN, UUID.randomUUID().toString())
                .amountCents())
        .isEqualTo(400);
  }

  @Test
  void dynamicCodeForAnotherMerchantsOrderOrNoOrder_isRefused() {
    Shop shop = shop();
    Shop otherShop = shop();
    AtriumClient customer = customer(5_000);
    Order order =
        shop.till()
            .merchants()
            .createOrder("other-" + UUID.randomUUID().toString().substring(0, 8), 700, null);
    String account =
        "0010dev.atrium01"
            + String.format("%02d", otherShop.merchant().id().length())
            + otherShop.merchant().id()
            + "02"
            + String.format("%02d", order.orderReference().length())
            + order.orderReference();
    String withoutOrder =
        "0010dev.atrium01"
            + String.format("%02d", shop.merchant().id().length())
            + shop.merchant().id();

    assertThat(payRaw(customer, rewritten(order.qrPayload(), "26", account), null).status())
        .isEqualTo(404);
    RawResponse noOrder = payRaw(customer, rewritten(order.qrPayload(), "26", withoutOrder), null);

    assertThat(noOrder.status()).isEqualTo(422);
    assertThat(noOrder.errorCode()).isEqualTo("qr_code_mismatch");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(5_000);
  }

  @Test
  void staticCodeWithRewrittenMerchantFields_isRefusedAndNothingMoves() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    String payload = shop.owner().merchants().staticCode(shop.merchant().id()).payload();

    for (String[] change :
        new String[][] {
          {"59", "Evil Corp"}, {"60", "Paris"}, {"52", "6011"}, {"58", "FR"}, {"54", "1.00"}
        }) {
      RawResponse refused = payRaw(customer, rewritten(payload, change[0], change[1]), 100L);
      assertThat(refused.status()).as(change[0]).isEqualTo(422);
      assertThat(refused.errorCode()).as(change[0]).isEqualTo("qr_code_mismatch");
    }

    assertThat(customer.wallet().get().balanceCents()).isEqualTo(5_000);
    assertThat(merchantBalance(shop)).isZero();
  }

  @Test
  void expiredOrder_cannotBePaid() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    Order order =
        shop.till()
            .merchants()
            .createOrder("late-" + UUID.randomUUID().toString().substring(0, 8), 300, null);

    CLOCK.advance(Duration.ofSeconds(901));

    assertThat(shop.till().merchants().order(order.orderReference()).status()).isEqualTo("EXPIRED");
    assertThat(
            catchApi(
                    () ->
                        customer
                            .merchants()
                            .pay(order.qrPayload(), null, PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("expired");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(5_000);
  }

  @Test
  void paymentCode_isChargedOnce_andExpiresAfterAMinute() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    PaymentCode code = customer.merchants().paymentCode(PIN);
    String key = UUID.randomUUID().toString();

    Payment charged = shop.till().merchants().charge(code.code(), 300, "pos-77", key);
    Payment replay = shop.till().merchants().charge(code.code(), 300, "pos-77", key);

    assertThat(code.code()).startsWith("pc_");
    assertThat(code.qrSvg()).startsWith("<svg");
    assertThat(code.expiresAt()).isEqualTo(CLOCK.instant().plusSeconds(60));
    assertThat(charged.method()).isEqualTo("PAYMENT_CODE");
    assertThat(replay).isEqualTo(charged);
    assertThat(
            catchApi(
                    () ->
                        shop.till()
                            .merchants()
                            .charge(code.code(), 300, null, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("payment_code_invalid");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(4_700);

    PaymentCode replaced = customer.merchants().paymentCode(PIN);
    PaymentCode stale = customer.merchants().paymentCode(PIN);
    assertThat(
            catchApi(
                    () ->
                        shop.till()
                            .merchants()
                            .charge(replaced.code(), 100, null, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("payment_code_invalid");
    CLOCK.advance(Duration.ofSeconds(61));

    assertThat(
            catchApi(
                    () ->
                        shop.till()
                            .merchants()
                            .charge(stale.code(), 100, null, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("payment_code_invalid");
    assertThat(
            catchApi(
                    () ->
                        shop.till()
                            .merchants()
                            .charge("pc_guess", 100, null, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("payment_code_invalid");
    assertThat(catchApi(() -> customer.merchants().paymentCode("000000")).code())
        .isEqualTo("pin_wrong");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(4_700);
  }

  @Test
  void paymentCodeChargedForAStoredOrder_chargesItsAmountOnly_andPaysTheOrderOnce() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    Order order =
        shop.till()
            .merchants()
            .createOrder("till-" + UUID.randomUUID().toString().substring(0, 8), 900, null);
    PaymentCode code = customer.merchants().paymentCode(PIN);

    var mismatch =
        catchApi(
            () ->
                shop.till()
                    .merchants()
                    .charge(code.code(), 1, order.orderReference(), UUID.randomUUID().toString()));

    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.code()).isEqualTo("order_amount_mismatch");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(5_000);
    assertThat(shop.till().merchants().order(order.orderReference()).status()).isEqualTo("OPEN");

    Payment paid =
        shop.till()
            .merchants()
            .charge(code.code(), 900, order.orderReference(), UUID.randomUUID().toString());

    assertThat(paid.orderReference()).isEqualTo(order.orderReference());
    assertThat(shop.till().merchants().order(order.orderReference()).status()).isEqualTo("PAID");
    assertThat(shop.till().merchants().order(order.orderReference()).paymentId())
        .isEqualTo(paid.id());
    PaymentCode again = customer.merchants().paymentCode(PIN);
    assertThat(
            catchApi(
                    () ->
                        shop.till()
                            .merchants()
                            .charge(
                                again.code(),
                                900,
                                order.orderReference(),
                                UUID.randomUUID().toString()))
                .code())
        .isEqualTo("already_paid");
    assertThat(
            catchApi(
                    () ->
                        customer
                            .merchants()
                            .pay(order.qrPayload(), null, PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("already_paid");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(4_100);
    assertThat(
            shop.till()
                .merchants()
                .charge(again.code(), 50, "label-only", UUID.randomUUID().toString())
                .amountCents())
        .isEqualTo(50);
  }

  @Test
  void refunds_fullOrPartial_neverExceedThePayment() {
    Shop shop = shop();
    Shop otherShop = shop();
    AtriumClient customer = customer(5_000);
    String payload = shop.owner().merchants().staticCode(shop.merchant().id()).payload();
    Payment payment = customer.merchants().pay(payload, 1_250L, PIN, UUID.randomUUID().toString());
    String key = UUID.randomUUID().toString();

    Payment partial = shop.till().merchants().refund(payment.id(), 500, key);
    Payment replay = shop.till().merchants().refund(payment.id(), 500, key);
    Payment rest = shop.till().merchants().refund(payment.id(), 750, UUID.randomUUID().toString());

    assertThat(partial.refundedCents()).isEqualTo(500);
    assertThat(replay).isEqualTo(partial);
    assertThat(rest.refundedCents()).isEqualTo(1_250);
    assertThat(
            catchApi(
                    () ->
                        shop.till()
                            .merchants()
                            .refund(payment.id(), 1, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("refund_exceeds_payment");
    assertThat(
            catchApi(
                    () ->
                        otherShop
                            .till()
                            .merchants()
                            .refund(payment.id(), 1, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("payment_not_found");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(5_000);
    assertThat(merchantBalance(shop)).isZero();
    assertThat(ledger().check().isBalanced()).isTrue();
  }

  @Test
  void statement_pagesNewestFirst_andExportsCsv() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    String payload = shop.owner().merchants().staticCode(shop.merchant().id()).payload();
    for (long cents = 101; cents <= 103; cents++) {
      customer.merchants().pay(payload, cents, PIN, UUID.randomUUID().toString());
    }

    PaymentPage first = shop.till().merchants().payments(2, null);
    PaymentPage second = shop.till().merchants().payments(2, first.nextCursor());
    RawResponse csv = shop.till().merchants().paymentsCsv(2, null);

    assertThat(first.items()).extracting(Payment::amountCents).containsExactly(103L, 102L);
    assertThat(second.items()).extracting(Payment::amountCents).containsExactly(101L);
    assertThat(second.nextCursor()).isNull();
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.header("X-Next-Cursor")).isEqualTo(first.nextCursor());
    assertThat(csv.body().split("\r\n"))
        .hasSize(3)
        .startsWith("id,created_at,method,order_reference,amount_cents,refunded_cents");
    assertThat(csv.body()).contains(first.items().getFirst().id() + ",", ",STATIC_QR,,103,0");
    assertThat(shop.till().raw("GET", "/api/v1/pos/payments?before=nope", null, null).errorCode())
        .isEqualTo("invalid_parameter");
  }

  @Test
  void ownerOfAShopHoldingMoney_cannotDeleteTheAccount_andTheExportListsTheShop() {
    Shop shop = shop();
    AtriumClient customer = customer(1_000);
    customer
        .merchants()
        .pay(
            shop.owner().merchants().staticCode(shop.merchant().id()).payload(),
            100L,
            PIN,
            UUID.randomUUID().toString());

    assertThat(shop.owner().export().sections().get("merchants").get(0).path("id").asText())
        .isEqualTo(shop.merchant().id());
    assertThat(catchApi(() -> shop.owner().deleteAccount(PASSWORD)).code())
        .isEqualTo("merchant_balance_not_zero");
  }

  @Test
  void deletingAnEmptyShopsOwner_suspendsTheShopAndItsKeys() {
    Shop shop = shop();

    shop.owner().deleteAccount(PASSWORD);

    assertThat(catchApi(() -> shop.till().merchants().payments(10, null)).status()).isEqualTo(401);
    assertThat(
            server.client().withToken(OPERATOR_TOKEN).merchants().withStatus("SUSPENDED").items())
        .extracting(Merchant::id)
        .contains(shop.merchant().id());
  }

  private record Shop(AtriumClient owner, Merchant merchant, AtriumClient till) {}

  /**
   * The payload with top-level tag {@code tag} set to {@code value} (added before tag 58 when
   * absent) and a freshly computed CRC: what anyone can do, since the CRC is no signature.
   */
  static String rewritten(String payload, String tag, String value) {
    List<DataObject> objects = new ArrayList<>(MerchantPresentedQr.verified(payload));
    objects.removeLast();
    int index = -1;
    for (int i = 0; i < objects.size(); i++) {
      if (objects.get(i).tag().equals(tag)) {
        index = i;
      }
    }
    if (index >= 0) {
      objects.set(index, new DataObject(tag, value));
    } else {
      int before = 0;
      while (before < objects.size() && objects.get(before).tag().compareTo(tag) < 0) {
        before++;
      }
      objects.add(before, new DataObject(tag, value));
    }
    String withoutCrc = Tlv.encode(objects) + "6304";
    return withoutCrc + Crc16Ccitt.hex(withoutCrc.getBytes(StandardCharsets.UTF_8));
  }

  private static RawResponse payRaw(AtriumClient customer, String payload, Long amountCents) {
    String body =
        "{\"qrPayload\":\""
            + payload
            + "\",\"pin\":\""
            + PIN
            + "\""
            + (amountCents == null ? "" : ",\"amountCents\":" + amountCents)
            + "}";
    return customer.raw(
        "POST",
        "/api/v1/wallet/merchant-payments",
        "application/json",
        body.getBytes(StandardCharsets.UTF_8),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  private static Shop shop() {
    AtriumClient owner = server.newUserClient("shop");
    Merchant merchant = owner.merchants().apply("Cafe Sonne", "Berlin", "5812");
    server.client().withToken(OPERATOR_TOKEN).merchants().approve(merchant.id());
    AtriumClient till =
        server.client().withToken(owner.merchants().createApiKey(merchant.id(), "till").key());
    return new Shop(owner, merchant, till);
  }

  private static AtriumClient customer(long cents) {
    AtriumClient customer = server.newUserClient("customer");
    customer.wallet().setPin(PIN, null, PASSWORD);
    customer.wallet().sandboxTopUp(cents, UUID.randomUUID().toString());
    return customer;
  }

  private static long merchantBalance(Shop shop) {
    return ledger().balanceCents(AccountId.merchant(shop.merchant().id()));
  }

  private static Ledger ledger() {
    return server.atrium().wallet().ledger();
  }
}
