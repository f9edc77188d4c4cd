package dev.atrium.wallet;

import static dev.atrium.testing.TestServer.PASSWORD;
import static dev.atrium.wallet.WalletFixture.PIN;
import static dev.atrium.wallet.WalletFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MerchantModels.Merchant;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.WalletFixture.Person;
import dev.atrium.wallet.ledger.AccountId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The payment PIN under real concurrency, through every route that takes one: a right PIN is never
 * answered as a lock, wrong PINs count exactly once each, and parallel requests with one
 * Idempotency-Key move money once and answer the first result or 409 idempotency_in_progress.
 */
class PinConcurrencyIntegrationTest {
  private static final int PARALLEL = 20;
  private static final long AMOUNT_CENTS = 100;
  private static final long WAIT_SECONDS_MAX = 90;
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static final String IBAN = "DE89370400440532013000";
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        WalletFixture.server(WalletFixture.clock())
            .set("ATRIUM_SEPA_OPERATOR_NAME", "Atrium Operator GmbH")
            .set("ATRIUM_SEPA_OPERATOR_IBAN", "DE02 1203 0000 0000 2020 51")
            .set("ATRIUM_SEPA_OPERATOR_BIC", "BYLADEM1001")
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void parallelTransfersWithTheRightPin_areNeverLocked_andMoveWhatThe201sSay() {
    Person alice = WalletFixture.person(server, "ptransfer", 1_000);
    Person bob = WalletFixture.person(server, "ptransferpeer", 0);
    String conversation = WalletFixture.direct(server, alice, bob);

    List<RawResponse> answers =
        inParallel(
            PARALLEL,
            i ->
                post(
                    alice.client(),
                    "/api/v1/wallet/transfers",
                    "{\"conversationId\":\""
                        + conversation
                        + "\",\"amountCents\":"
                        + AMOUNT_CENTS
                        + ",\"pin\":\""
                        + PIN
                        + "\"}",
                    key()));

    assertRightPinAnswers(answers);
    assertThat(alice.balance()).isEqualTo(1_000 - created(answers) * AMOUNT_CENTS);
    assertThat(alice.client().wallet().get().pinLockedUntil()).isNull();
  }

  @Test
  void parallelRedPacketsWithTheRightPin_areNeverLocked_andMoveWhatThe201sSay() {
    Person alice = WalletFixture.person(server, "ppacket", 1_000);
    Person bob = WalletFixture.person(server, "ppacketpeer", 0);
    String conversation = WalletFixture.direct(server, alice, bob);

    List<RawResponse> answers =
        inParallel(
            PARALLEL,
            i ->
                post(
                    alice.client(),
                    "/api/v1/wallet/red-packets",
                    "{\"conversationId\":\""
                        + conversation
                        + "\",\"totalCents\":"
                        + AMOUNT_CENTS
                        + ",\"count\":1,\"split\":\"equal\",\"pin\":\""
                        + PIN
                        + "\"}",
                    key()));

    assertRightPinAnswers(answers);
    assertThat(alice.balance()).isEqualTo(1_000 - created(answers) * AMOUNT_CENTS);
  }

  @Test
  void parallelMerchantPaymentsWithTheRightPin_areNeverLocked_andMoveWhatThe201sSay() {
    Shop shop = shop("pshop");
    Person customer = WalletFixture.person(server, "pcustomer", 1_000);

    List<RawResponse> answers = inParallel(PARALLEL, i -> pay(customer.client(), shop, key()));

    assertRightPinAnswers(answers);
    assertThat(customer.balance()).isEqualTo(1_000 - created(answers) * AMOUNT_CENTS);
    assertThat(shopBalance(shop)).isEqualTo(created(answers) * AMOUNT_CENTS);
  }

  @Test
  void parallelWithdrawalsWithTheRightPin_areNeverLocked_andMoveWhatThe201sSay() {
    Person anna = WalletFixture.person(server, "pwithdraw", 1_000);

    List<RawResponse> answers =
        inParallel(
            PARALLEL,
            i ->
                post(
                    anna.client(),
                    "/api/v1/wallet/withdrawals",
                    "{\"amountCents\":"
                        + AMOUNT_CENTS
                        + ",\"iban\":\""
                        + IBAN
                        + "\",\"name\":\"Anna\",\"pin\":\""
                        + PIN
                        + "\"}",
                    key()));

    assertRightPinAnswers(answers);
    assertThat(anna.balance()).isEqualTo(1_000 - created(answers) * AMOUNT_CENTS);
  }

  @Test
  void parallelOwnerRefundsAndPayoutsWithTheRightPin_areNeverLocked_andMoveWhatThe201sSay() {
    Shop shop = shop("prefund");
    Person customer = WalletFixture.person(server, "prefundcustomer", 3_000);
    String paymentId = pay(customer.client(), shop, key(), 3_000).json().get("id").asText();
    shop.owner().merchants().setPayoutAccount(shop.id(), IBAN, null, PIN);

    List<RawResponse> refunds =
        inParallel(
            PARALLEL,
            i ->
                post(
                    shop.owner(),
                    "/api/v1/merchants/" + shop.id() + "/payments/" + paymentId + "/refunds",
                    "{\"amountCents\":" + AMOUNT_CENTS + ",\"pin\":\"" + PIN + "\"}",
                    key()));
    assertRightPinAnswers(refunds);
    long left = 3_000 - created(refunds) * AMOUNT_CENTS;
    assertThat(shopBalance(shop)).isEqualTo(left);

    List<RawResponse> payouts =
        inParallel(
            PARALLEL,
            i ->
                post(
                    shop.owner(),
                    "/api/v1/merchants/" + shop.id() + "/payouts",
                    "{\"amountCents\":" + AMOUNT_CENTS + ",\"pin\":\"" + PIN + "\"}",
                    key()));
    assertRightPinAnswers(payouts);
    assertThat(shopBalance(shop)).isEqualTo(left - created(payouts) * AMOUNT_CENTS);
  }

  @Test
  void parallelPaymentCodesWithTheRightPin_areNeverLocked() {
    Person anna = WalletFixture.person(server, "pcode", 0);

    List<RawResponse> answers =
        inParallel(
            PARALLEL,
            i ->
                anna.client()
                    .raw(
                        "POST",
                        "/api/v1/wallet/payment-codes",
                        "application/json",
                        ("{\"pin\":\"" + PIN + "\"}").getBytes(StandardCharsets.UTF_8)));

    assertThat(answers).extracting(RawResponse::status).containsOnly(201);
  }

  @Test
  void parallelRequestsWithOneKey_answerTheFirstResultOrInProgress_andMoveMoneyOnce() {
    Person alice = WalletFixture.person(server, "pkey", 1_000);
    Person bob = WalletFixture.person(server, "pkeypeer", 0);
    String conversation = WalletFixture.direct(server, alice, bob);
    String key = key();

    List<RawResponse> answers =
        inParallel(
            PARALLEL,
            i ->
                post(
                    alice.client(),
                    "/api/v1/wallet/transfers",
                    "{\"conversationId\":\""
                        + conversation
                        + "\",\"amountCents\":"
                        + AMOUNT_CENTS
                        + ",\"pin\":\""
                        + PIN
                        + "\"}",
                    key));

    List<String> transferIds = new ArrayList<>();
    for (RawResponse answer : answers) {
      if (answer.status() == 201) {
        transferIds.add(answer.json().get("id").asText());
      } else {
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.errorCode()).isEqualTo("idempotency_in_progress");
        assertThat(answer.header("Retry-After")).isNotNull();
      }
    }
    assertThat(transferIds).isNotEmpty().containsOnly(transferIds.getFirst());
    assertThat(alice.balance()).isEqualTo(900);
    RawResponse after =
        post(
            alice.client(),
            "/api/v1/wallet/transfers",
            "{\"conversationId\":\""
                + conversation
                + "\",\"amountCents\":"
                + AMOUNT_CENTS
                + ",\"pin\":\""
                + PIN
                + "\"}",
            key);
    assertThat(after.status()).isEqualTo(201);
    assertThat(after.header(Idempotency.REPLAYED_HEADER)).isEqualTo("true");
    assertThat(after.json().get("id").asText()).isEqualTo(transferIds.getFirst());
  }

  @Test
  void parallelWrongPins_countOneTryEach() {
    Person alice = WalletFixture.person(server, "pwrong", 1_000);

    List<RawResponse> answers =
        inParallel(
            3,
            i ->
                alice
                    .client()
                    .raw(
                        "POST",
                        "/api/v1/wallet/payment-codes",
                        "application/json",
                        "{\"pin\":\"000000\"}".getBytes(StandardCharsets.UTF_8)));

    assertThat(answers).extracting(RawResponse::errorCode).containsOnly("pin_wrong");
    assertThat(answers)
        .extracting(answer -> answer.json().get("error").get("triesLeft").asInt())
        .containsExactlyInAnyOrder(4, 3, 2);
    RawResponse next =
        alice
            .client()
            .raw(
                "POST",
                "/api/v1/wallet/payment-codes",
                "application/json",
                "{\"pin\":\"000000\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(next.json().get("error").get("triesLeft").asInt()).isEqualTo(1);
  }

  @Test
  void manyParallelWrongPins_lockAtTheFifth_andNoneBeyondItIsChecked() {
    Person alice = WalletFixture.person(server, "pbrute", 1_000);
    Person bob = WalletFixture.person(server, "pbrutepeer", 0);
    String conversation = WalletFixture.direct(server, alice, bob);

    List<RawResponse> answers =
        inParallel(
            PARALLEL,
            i ->
                post(
                    alice.client(),
                    "/api/v1/wallet/transfers",
                    "{\"conversationId\":\""
                        + conversation
                        + "\",\"amountCents\":"
                        + AMOUNT_CENTS
                        + ",\"pin\":\""
                        + String.format("%06d", i)
                        + "\"}",
                    key()));

    List<RawResponse> wrong =
        answers.stream().filter(answer -> "pin_wrong".equals(answer.errorCode())).toList();
    assertThat(wrong)
        .extracting(answer -> answer.json().get("error").get("triesLeft").asInt())
        .containsExactlyInAnyOrder(4, 3, 2, 1);
    assertThat(answers.stream().filter(answer -> "pin_locked".equals(answer.errorCode())).count())
        .isEqualTo(PARALLEL - 4);
    assertThat(alice.client().wallet().get().pinLockedUntil()).isNotNull();
    assertThat(alice.balance()).isEqualTo(1_000);
  }

  @Test
  void oneWrongPinAmongRightOnes_countsOneTry_andLocksNothing() {
    Person alice = WalletFixture.person(server, "pmixed", 1_000);

    List<RawResponse> answers =
        inParallel(
            PARALLEL,
            i ->
                alice
                    .client()
                    .raw(
                        "POST",
                        "/api/v1/wallet/payment-codes",
                        "application/json",
                        ("{\"pin\":\"" + (i == 0 ? "000000" : PIN) + "\"}")
                            .getBytes(StandardCharsets.UTF_8)));

    assertThat(answers.stream().filter(answer -> answer.status() == 201).count())
        .isEqualTo(PARALLEL - 1);
    assertThat(answers.stream().filter(answer -> "pin_wrong".equals(answer.errorCode())).count())
        .isEqualTo(1);
    assertThat(alice.client().wallet().get().pinLockedUntil()).isNull();
  }

  private record Shop(AtriumClient owner, String id, String payload) {}

  private static Shop shop(String name) {
    AtriumClient owner = server.newUserClient(name);
    owner.wallet().setPin(PIN, null, PASSWORD);
    Merchant merchant = owner.merchants().apply("Cafe Sonne", "Berlin", "5812");
    server.client().withToken(OPERATOR_TOKEN).merchants().approve(merchant.id());
    return new Shop(owner, merchant.id(), owner.merchants().staticCode(merchant.id()).payload());
  }

  private static RawResponse pay(AtriumClient customer, Shop shop, String key) {
    return pay(customer, shop, key, AMOUNT_CENTS);
  }

  private static RawResponse pay(AtriumClient customer, Shop shop, String key, long cents) {
    return post(
        customer,
        "/api/v1/wallet/merchant-payments",
        "{\"qrPayload\":\""
            + shop.payload()
            + "\",\"amountCents\":"
            + cents
            + ",\"pin\":\""
            + PIN
            + "\"}",
        key);
  }

  private static long shopBalance(Shop shop) {
    return server.atrium().wallet().ledger().balanceCents(AccountId.merchant(shop.id()));
  }

  private static RawResponse post(AtriumClient client, String path, String json, String key) {
    return client.raw(
        "POST",
        path,
        "application/json",
        json.getBytes(StandardCharsets.UTF_8),
        Map.of(Idempotency.HEADER, key));
  }

  /** Every answer to a right PIN is a success or a business refusal (4xx, not about the PIN). */
  private static void assertRightPinAnswers(List<RawResponse> answers) {
    for (RawResponse answer : answers) {
      if (answer.status() != 201) {
        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.errorCode()).as(answer.body()).doesNotStartWith("pin_");
      }
    }
    assertThat(created(answers)).as(answers.getFirst().body()).isPositive();
  }

  private static long created(List<RawResponse> answers) {
    return answers.stream().filter(answer -> answer.status() == 201).count();
  }

  /** Runs {@code count} requests at once (released together by a latch); bounded by a timeout. */
  private static List<RawResponse> inParallel(int count, IntFunction<RawResponse> request) {
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch ready = new CountDownLatch(count);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<RawResponse>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(
            threads.submit(
                () -> {
                  ready.countDown();
                  assertThat(go.await(WAIT_SECONDS_MAX, TimeUnit.SECONDS)).isTrue();
                  return request.apply(index);
                }));
      }
      assertThat(ready.await(WAIT_SECONDS_MAX, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<RawResponse> answers = new ArrayList<>();
      for (Future<RawResponse> future : futures) {
        answers.add(future.get(WAIT_SECONDS_MAX, TimeUnit.SECONDS));
      }
      return answers;
    } catch (Exception e) {
      throw new AssertionError("parallel requests did not finish", e);
    } finally {
      threads.shutdownNow();
    }
  }
}
