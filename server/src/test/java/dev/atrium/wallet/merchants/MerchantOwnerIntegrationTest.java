package dev.atrium.wallet.merchants;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MerchantModels.ApiKey;
import dev.atrium.sdk.MerchantModels.ApiKeyInfo;
import dev.atrium.sdk.MerchantModels.Merchant;
import dev.atrium.sdk.MerchantModels.Payment;
import dev.atrium.sdk.MerchantModels.PaymentPage;
import dev.atrium.sdk.MerchantModels.PayoutPage;
import dev.atrium.sdk.RawResponse;
import dev.atrium.sdk.SepaModels.Pain001Export;
import dev.atrium.sdk.SepaModels.Withdrawal;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shop's owner with their own session: payments, statement and CSV, refunds with the PIN, POS
 * keys, the payout IBAN and payouts through the SEPA payout flow. Nobody else gets in.
 */
class MerchantOwnerIntegrationTest {
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static final String PIN = "246813";
  private static final String SHOP_IBAN = "DE89 3704 0044 0532 0130 00";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_SEPA_OPERATOR_NAME", "Atrium Operator GmbH")
            .set("ATRIUM_SEPA_OPERATOR_IBAN", "DE02 1203 0000 0000 2020 51")
            .set("ATRIUM_SEPA_OPERATOR_BIC", "BYLADEM1001")
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .set("ATRIUM_WALLET_SANDBOX_TOP_UP_ENABLED", "true")
            .set("ATRIUM_WALLET_PAYMENT_CENTS_MAX", "4000")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void owner_pagesPaymentsAndExportsCsv_withTheirOwnSession() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    for (long cents = 101; cents <= 103; cents++) {
      customer.merchants().pay(shop.payload(), cents, PIN, UUID.randomUUID().toString());
    }

    PaymentPage first = shop.owner().merchants().ownerPayments(shop.id(), 2, null);
    PaymentPage second = shop.owner().merchants().ownerPayments(shop.id(), 2, first.nextCursor());
    RawResponse csv = shop.owner().merchants().ownerPaymentsCsv(shop.id(), 2, null);

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
    assertThat(shop.till().merchants().payments(10, null).items()).hasSize(3);
    assertThat(
            shop.owner()
                .raw("GET", "/api/v1/merchants/" + shop.id() + "/payments?before=nope", null, null)
                .errorCode())
        .isEqualTo("invalid_parameter");
  }

  @Test
  void ownerRefunds_needThePinAndAKey_andWithTheTillsNeverExceedThePayment() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    Payment payment =
        customer.merchants().pay(shop.payload(), 1_000L, PIN, UUID.randomUUID().toString());
    String key = UUID.randomUUID().toString();

    assertThat(
            catchApi(
                    () ->
                        shop.owner()
                            .merchants()
                            .ownerRefund(shop.id(), payment.id(), 100, "000000", key))
                .code())
        .isEqualTo("pin_wrong");
    Payment partial = shop.owner().merchants().ownerRefund(shop.id(), payment.id(), 300, PIN, key);
    Payment replay = shop.owner().merchants().ownerRefund(shop.id(), payment.id(), 300, PIN, key);
    Payment byTill =
        shop.till().merchants().refund(payment.id(), 600, UUID.randomUUID().toString());

    assertThat(partial.refundedCents()).isEqualTo(300);
    assertThat(replay).isEqualTo(partial);
    assertThat(byTill.refundedCents()).isEqualTo(900);
    assertThat(
            catchApi(
                    () ->
                        shop.owner()
                            .merchants()
                            .ownerRefund(
                                shop.id(), payment.id(), 101, PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("refund_exceeds_payment");
    assertThat(
            catchApi(
                    () ->
                        shop.owner()
                            .merchants()
                            .ownerRefund(shop.id(), payment.id(), 200, PIN, key))
                .code())
        .isEqualTo("idempotency_key_reused");
    Payment rest =
        shop.owner()
            .merchants()
            .ownerRefund(shop.id(), payment.id(), 100, PIN, UUID.randomUUID().toString());
    assertThat(rest.refundedCents()).isEqualTo(1_000);
    assertThat(
            shop.owner()
                .raw(
                    "POST",
                    "/api/v1/merchants/" + shop.id() + "/payments/" + payment.id() + "/refunds",
                    "application/json",
                    "{\"amountCents\":1,\"pin\":\"246813\"}".getBytes(StandardCharsets.UTF_8))
                .errorCode())
        .isEqualTo("idempotency_key_required");
    assertThat(customer.wallet().get().balanceCents()).isEqualTo(5_000);
    assertThat(merchantBalance(shop)).isZero();
    assertThat(ledger().check().isBalanced()).isTrue();
  }

  @Test
  void ownerManagesPosKeys_secretShownOnce_andRevokedKeysStopAtOnce() {
    Shop shop = shop();
    ApiKey second = shop.owner().merchants().createApiKey(shop.id(), "till 2");

    List<ApiKeyInfo> keys = shop.owner().merchants().apiKeys(shop.id()).items();
    assertThat(keys).extracting(ApiKeyInfo::label).containsExactly("till 2", "till");
    assertThat(keys).allSatisfy(key -> assertThat(key.revokedAt()).isNull());
    assertThat(
            shop.owner()
                .raw("GET", "/api/v1/merchants/" + shop.id() + "/api-keys", null, null)
                .body())
        .doesNotContain(second.key())
        .doesNotContain("\"key\"");
    AtriumClient till2 = server.client().withToken(second.key());
    assertThat(till2.merchants().payments(5, null).items()).isEmpty();

    shop.owner().merchants().revokeApiKey(shop.id(), second.id());

    assertThat(catchApi(() -> till2.merchants().payments(5, null)).status()).isEqualTo(401);
    assertThat(shop.owner().merchants().apiKeys(shop.id()).items().getFirst().revokedAt())
        .isNotNull();
    assertThat(shop.till().merchants().payments(5, null).items()).isEmpty();
  }

  @Test
  void onlyTheOwner_seesOrMovesTheShopsMoney() {
    Shop shop = shop();
    AtriumClient customer = customer(5_000);
    Payment payment =
        customer.merchants().pay(shop.payload(), 500L, PIN, UUID.randomUUID().toString());
    shop.owner().merchants().setPayoutAccount(shop.id(), SHOP_IBAN, null, PIN);
    AtriumClient stranger = customer(100);
    String thief = "DE02 1203 0000 0000 2020 51";

    List<Consumer<AtriumClient>> calls =
        List.of(
            c -> c.merchants().ownerPayments(shop.id(), 10, null),
            c ->
                c.merchants()
                    .ownerRefund(shop.id(), payment.id(), 100, PIN, UUID.randomUUID().toString()),
            c -> c.merchants().apiKeys(shop.id()),
            c -> c.merchants().createApiKey(shop.id(), "mine now"),
            c -> c.merchants().setPayoutAccount(shop.id(), thief, "Thief", PIN),
            c -> c.merchants().payout(shop.id(), 100, PIN, UUID.randomUUID().toString()),
            c -> c.merchants().payouts(shop.id(), 10, null));
    for (Consumer<AtriumClient> call : calls) {
      assertThat(catchApi(() -> call.accept(stranger)).status()).isEqualTo(404);
      // A till key is no session: the owner routes need the owner's login.
      assertThat(catchApi(() -> call.accept(shop.till())).status()).isEqualTo(401);
    }
    assertThat(stranger.merchants().ownerPaymentsCsv(shop.id(), 10, null).status()).isEqualTo(404);
    assertThat(shop.till().merchants().ownerPaymentsCsv(shop.id(), 10, null).status())
        .isEqualTo(401);
    shop.owner()
        .merchants()
        .ownerRefund(shop.id(), payment.id(), 100, PIN, UUID.randomUUID().toString());
    assertThat(merchantBalance(shop)).isEqualTo(400);
    assertThat(shop.owner().merchants().payouts(shop.id(), 10, null).payoutIban())
        .isEqualTo("DE89370400440532013000");
    assertThat(stranger.wallet().get().balanceCents()).isEqualTo(100);
  }

  @Test
  void payout_movesTheShopsMoneyAtOnce_andGoesThroughExportPaidAndFailed() {
    Shop shop = shop();
    AtriumClient customer = customer(20_000);
    for (int i = 0; i < 3; i++) {
      customer.merchants().pay(shop.payload(), 3_000L, PIN, UUID.randomUUID().toString());
    }
    AtriumClient operator = server.client().withToken(OPERATOR_TOKEN);
    String key = UUID.randomUUID().toString();

    assertThat(catchApi(() -> shop.owner().merchants().payout(shop.id(), 1_000, PIN, key)).code())
        .isEqualTo("payout_account_missing");
    assertThat(
            catchApi(
                    () ->
                        shop.owner()
                            .merchants()
                            .setPayoutAccount(shop.id(), "DE89 3704 0044 0532 0130 01", null, PIN))
                .code())
        .isEqualTo("invalid_iban");
    assertThat(
            catchApi(
                    () ->
                        shop.owner()
                            .merchants()
                            .setPayoutAccount(shop.id(), SHOP_IBAN, null, "000000"))
                .code())
        .isEqualTo("pin_wrong");
    assertThat(
            catchApi(
                    () ->
                        shop.owner()
                            .merchants()
                            .setPayoutAccount(shop.id(), SHOP_IBAN, "太阳有限公司", PIN))
                .field())
        .isEqualTo("name");
    Merchant withIban =
        shop.owner().merchants().setPayoutAccount(shop.id(), SHOP_IBAN, "Sonne GmbH", PIN);
    assertThat(withIban.payoutIban()).isEqualTo("DE89370400440532013000");
    assertThat(
            catchApi(() -> shop.owner().merchants().payout(shop.id(), 1_000, "000000", key)).code())
        .isEqualTo("pin_wrong");
    assertThat(catchApi(() -> shop.owner().merchants().payout(shop.id(), 4_001, PIN, key)).code())
        .isEqualTo("limit_exceeded");
    assertThat(catchApi(() -> shop.owner().merchants().payout(shop.id(), 0, PIN, key)).status())
        .isEqualTo(422);

    Withdrawal first = shop.owner().merchants().payout(shop.id(), 4_000, PIN, key);
    Withdrawal replay = shop.owner().merchants().payout(shop.id(), 4_000, PIN, key);
    Withdrawal second =
        shop.owner().merchants().payout(shop.id(), 4_000, PIN, UUID.randomUUID().toString());

    assertThat(first.status()).isEqualTo("PENDING");
    assertThat(first.merchantId()).isEqualTo(shop.id());
    assertThat(first.creditorName()).isEqualTo("Sonne GmbH");
    assertThat(first.creditorIban()).isEqualTo("DE89370400440532013000");
    assertThat(replay).isEqualTo(first);
    assertThat(merchantBalance(shop)).isEqualTo(1_000);
    assertThat(
            catchApi(
                    () ->
                        shop.owner()
                            .merchants()
                            .payout(shop.id(), 1_001, PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("insufficient_funds");
    PayoutPage page = shop.owner().merchants().payouts(shop.id(), 10, null);
    assertThat(page.balanceCents()).isEqualTo(1_000);
    assertThat(page.items()).extracting(Withdrawal::id).containsExactly(second.id(), first.id());
    assertThat(shop.owner().sepa().withdrawals(10, null).items()).isEmpty();
    assertThat(operator.sepa().withdrawalsWithStatus("PENDING").items())
        .extracting(Withdrawal::id)
        .contains(first.id(), second.id());

    Pain001Export export = operator.sepa().exportPain001();
    assertThat(export.withdrawals()).extracting(Withdrawal::id).contains(first.id(), second.id());
    assertThat(export.document()).contains("DE89370400440532013000", "Atrium merchant payout");
    operator.sepa().markWithdrawalPaid(first.id());
    Withdrawal failed = operator.sepa().markWithdrawalFailed(second.id());

    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(merchantBalance(shop)).isEqualTo(5_000);
    assertThat(catchApi(() -> operator.sepa().markWithdrawalFailed(second.id())).status())
        .isEqualTo(409);
    assertThat(merchantBalance(shop)).isEqualTo(5_000);
    assertThat(shop.owner().merchants().payouts(shop.id(), 10, null).items())
        .extracting(Withdrawal::status)
        .containsExactly("FAILED", "PAID");
    assertThat(operator.sepa().withdrawalsWithStatus("PAID").items())
        .extracting(Withdrawal::id)
        .contains(first.id());
    assertThat(ledger().check().isBalanced()).isTrue();
  }

  @Test
  void payoutsOfASuspendedShop_areRefused() {
    Shop shop = shop();
    shop.owner().merchants().setPayoutAccount(shop.id(), SHOP_IBAN, null, PIN);
    server.client().withToken(OPERATOR_TOKEN).merchants().suspend(shop.id());

    assertThat(
            catchApi(
                    () ->
                        shop.owner()
                            .merchants()
                            .payout(shop.id(), 1, PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("merchant_not_approved");
  }

  private record Shop(AtriumClient owner, String id, AtriumClient till, String payload) {}

  private static Shop shop() {
    AtriumClient owner = server.newUserClient("shop");
    owner.wallet().setPin(PIN, null, PASSWORD);
    Merchant merchant = owner.merchants().apply("Cafe Sonne", "Berlin", "5812");
    server.client().withToken(OPERATOR_TOKEN).merchants().approve(merchant.id());
    AtriumClient till =
        server.client().withToken(owner.merchants().createApiKey(merchant.id(), "till").key());
    return new Shop(
        owner, merchant.id(), till, owner.merchants().staticCode(merchant.id()).payload());
  }

  private static AtriumClient customer(long cents) {
    AtriumClient customer = server.newUserClient("customer");
    customer.wallet().setPin(PIN, null, PASSWORD);
    customer.wallet().sandboxTopUp(cents, UUID.randomUUID().toString());
    return customer;
  }

  private static long merchantBalance(Shop shop) {
    return ledger().balanceCents(AccountId.merchant(shop.id()));
  }

  private static Ledger ledger() {
    return server.atrium().wallet().ledger();
  }
}
