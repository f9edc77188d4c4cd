package dev.atrium.wallet;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.wallet.WalletFixture.PIN;
import static dev.atrium.wallet.WalletFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.RawResponse;
import dev.atrium.sdk.WalletModels.Transfer;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.WalletFixture.Person;
import dev.atrium.wallet.ledger.AccountId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transfers in 1:1 chats, sandbox top-ups, idempotency keys and limits, through the SDK. */
class ChatTransferIntegrationTest {
  private static final MutableClock CLOCK = WalletFixture.clock();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        WalletFixture.server(CLOCK)
            .set("wallet.paymentCentsMax", "50000")
            .set("wallet.dailyOutgoingCentsMax", "100000")
            .start();
  }

  @AfterAll
  static void stop() {
    assertThat(server.atrium().wallet().ledger().check().problems()).isEmpty();
    server.close();
  }

  @Test
  void transfer_isHeldInEscrow_untilTheRecipientAccepts() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String conversation = WalletFixture.direct(server, alice, bob);
    long escrowBefore = server.atrium().wallet().ledger().balanceCents(AccountId.ESCROW);

    Transfer sent = alice.client().wallet().sendTransfer(conversation, 3_00, "lunch", PIN, key());

    assertThat(sent.status()).isEqualTo("pending");
    assertThat(sent.recipientAccountId()).isEqualTo(bob.id());
    assertThat(alice.balance()).isEqualTo(7_00);
    assertThat(bob.balance()).isZero();
    assertThat(server.atrium().wallet().ledger().balanceCents(AccountId.ESCROW))
        .isEqualTo(escrowBefore + 3_00);
    assertThat(bob.client().wallet().transfer(sent.id()).status()).isEqualTo("pending");
    assertThat(catchApi(() -> alice.client().wallet().acceptTransfer(sent.id(), key())).code())
        .isEqualTo("not_allowed");

    Transfer accepted = bob.client().wallet().acceptTransfer(sent.id(), key());

    assertThat(accepted.status()).isEqualTo("accepted");
    assertThat(bob.balance()).isEqualTo(3_00);
    assertThat(alice.client().wallet().transfer(sent.id()).status()).isEqualTo("accepted");
    assertThat(catchApi(() -> bob.client().wallet().declineTransfer(sent.id(), key())).code())
        .isEqualTo("already_resolved");
  }

  @Test
  void statement_namesTheOtherPersonOfChatTransfers_thoughTheMoneyWentThroughEscrow() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String conversation = WalletFixture.direct(server, alice, bob);
    Transfer accepted = alice.client().wallet().sendTransfer(conversation, 2_00, null, PIN, key());
    bob.client().wallet().acceptTransfer(accepted.id(), key());
    Transfer declined = alice.client().wallet().sendTransfer(conversation, 1_00, null, PIN, key());
    bob.client().wallet().declineTransfer(declined.id(), key());

    // Newest first: the refund, the second hold, the first hold, the top-up.
    assertThat(otherPeople(alice))
        .containsExactly(
            "chat_transfer_refund " + bob.id(),
            "chat_transfer_hold " + bob.id(),
            "chat_transfer_hold " + bob.id(),
            "sandbox_top_up null");
    assertThat(otherPeople(bob)).containsExactly("chat_transfer_accept " + alice.id());
  }

  /**
   * Each statement line's kind and other person, from the JSON (the SDK does not know the field).
   */
  private static List<String> otherPeople(Person person) {
    RawResponse answer =
        person.client().raw("GET", "/api/v1/wallet/statement?limit=10", null, null);
    assertThat(answer.status()).isEqualTo(200);
    List<String> lines = new java.util.ArrayList<>();
    answer
        .json()
        .path("lines")
        .forEach(
            line ->
                lines.add(
                    line.path("kind").asText() + " " + line.path("otherAccountId").asText("null")));
    return lines;
  }

  @Test
  void declinedTransfer_isRefunded_andOutsidersCannotSeeIt() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    Person eve = WalletFixture.person(server, "eve", 0);
    String conversation = WalletFixture.direct(server, alice, bob);
    Transfer sent = alice.client().wallet().sendTransfer(conversation, 4_00, null, PIN, key());

    assertThat(catchApi(() -> eve.client().wallet().transfer(sent.id())).status()).isEqualTo(404);
    assertThat(catchApi(() -> eve.client().wallet().acceptTransfer(sent.id(), key())).status())
        .isEqualTo(404);
    Transfer declined = bob.client().wallet().declineTransfer(sent.id(), key());

    assertThat(declined.status()).isEqualTo("declined");
    assertThat(alice.balance()).isEqualTo(10_00);
    assertThat(bob.balance()).isZero();
  }

  @Test
  void transfer_outsideA1to1ChatOfTheSender_isRefused() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    Person carol = WalletFixture.person(server, "carol", 0);
    String group = WalletFixture.group(server, alice, List.of(bob, carol));
    String theirChat = WalletFixture.direct(server, bob, carol);

    assertThat(
            catchApi(() -> alice.client().wallet().sendTransfer(group, 1_00, null, PIN, key()))
                .code())
        .isEqualTo("not_allowed");
    assertThat(
            catchApi(() -> alice.client().wallet().sendTransfer(theirChat, 1_00, null, PIN, key()))
                .status())
        .isEqualTo(404);
    assertThat(alice.balance()).isEqualTo(10_00);
  }

  @Test
  void transferAboveBalance_isRejectedAndLedgerUnchanged() {
    Person alice = WalletFixture.person(server, "alice", 2_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String conversation = WalletFixture.direct(server, alice, bob);

    AtriumApiException refused =
        catchApi(() -> alice.client().wallet().sendTransfer(conversation, 2_01, null, PIN, key()));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("insufficient_funds");
    assertThat(alice.balance()).isEqualTo(2_00);
    assertThat(alice.client().wallet().statement(null, 10).lines()).hasSize(1);
  }

  @Test
  void unacceptedTransfer_isRefundedAfter24Hours_andCannotBeAcceptedThen() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String conversation = WalletFixture.direct(server, alice, bob);
    Transfer sent = alice.client().wallet().sendTransfer(conversation, 5_00, null, PIN, key());

    CLOCK.advance(Duration.ofHours(23));
    server.atrium().wallet().sweepNow();
    assertThat(bob.client().wallet().transfer(sent.id()).status()).isEqualTo("pending");
    CLOCK.advance(Duration.ofHours(1));
    AtriumApiException late =
        catchApi(() -> bob.client().wallet().acceptTransfer(sent.id(), key()));
    server.atrium().wallet().sweepNow();

    assertThat(late.status()).isEqualTo(410);
    assertThat(late.code()).isEqualTo("expired");
    assertThat(bob.client().wallet().transfer(sent.id()).status()).isEqualTo("refunded");
    assertThat(alice.balance()).isEqualTo(10_00);
    assertThat(catchApi(() -> bob.client().wallet().acceptTransfer(sent.id(), key())).code())
        .isEqualTo("expired");
  }

  @Test
  void sameIdempotencyKey_returnsTheFirstResponse_andADifferentBodyIs422() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String conversation = WalletFixture.direct(server, alice, bob);
    String key = key();

    Transfer first = alice.client().wallet().sendTransfer(conversation, 1_00, "once", PIN, key);
    Transfer again = alice.client().wallet().sendTransfer(conversation, 1_00, "once", PIN, key);
    RawResponse raw =
        alice
            .client()
            .raw(
                "POST",
                "/api/v1/wallet/transfers",
                "application/json",
                ("{\"conversationId\":\""
                        + conversation
                        + "\",\"amountCents\":100,\"memo\":\"once\",\"pin\":\""
                        + PIN
                        + "\"}")
                    .getBytes(StandardCharsets.UTF_8),
                Map.of("Idempotency-Key", key));
    AtriumApiException changed =
        catchApi(() -> alice.client().wallet().sendTransfer(conversation, 2_00, "once", PIN, key));
    AtriumApiException missing =
        catchApi(() -> alice.client().wallet().sendTransfer(conversation, 1_00, null, PIN, null));

    assertThat(again).isEqualTo(first);
    assertThat(raw.status()).isEqualTo(201);
    assertThat(raw.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(changed.status()).isEqualTo(422);
    assertThat(changed.code()).isEqualTo("idempotency_key_reused");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.code()).isEqualTo("idempotency_key_required");
    assertThat(alice.balance()).isEqualTo(9_00);
    String acceptKey = key();
    Transfer accepted = bob.client().wallet().acceptTransfer(first.id(), acceptKey);
    assertThat(bob.client().wallet().acceptTransfer(first.id(), acceptKey)).isEqualTo(accepted);
    assertThat(bob.balance()).isEqualTo(1_00);
  }

  @Test
  void sandboxTopUp_isIdempotent_andBounded() {
    Person alice = WalletFixture.person(server, "alice", 0);
    String key = key();

    var first = alice.client().wallet().sandboxTopUp(2_50, key);
    var again = alice.client().wallet().sandboxTopUp(2_50, key);

    assertThat(again).isEqualTo(first);
    assertThat(alice.balance()).isEqualTo(2_50);
    assertThat(catchApi(() -> alice.client().wallet().sandboxTopUp(3_00, key)).code())
        .isEqualTo("idempotency_key_reused");
    assertThat(catchApi(() -> alice.client().wallet().sandboxTopUp(0, key())).code())
        .isEqualTo("amount_invalid");
    assertThat(catchApi(() -> alice.client().wallet().sandboxTopUp(100_001, key())).code())
        .isEqualTo("amount_invalid");
  }

  @Test
  void perPaymentAndDailyLimits_refuseWithLimitExceeded() {
    Person alice = WalletFixture.person(server, "alice", 100_000);
    alice.client().wallet().sandboxTopUp(1_000, key());
    Person bob = WalletFixture.person(server, "bob", 0);
    String conversation = WalletFixture.direct(server, alice, bob);

    AtriumApiException perPayment =
        catchApi(
            () -> alice.client().wallet().sendTransfer(conversation, 50_001, null, PIN, key()));
    alice.client().wallet().sendTransfer(conversation, 50_000, null, PIN, key());
    alice.client().wallet().sendTransfer(conversation, 50_000, null, PIN, key());
    AtriumApiException daily =
        catchApi(() -> alice.client().wallet().sendTransfer(conversation, 1, null, PIN, key()));

    assertThat(perPayment.status()).isEqualTo(422);
    assertThat(perPayment.code()).isEqualTo("limit_exceeded");
    assertThat(daily.code()).isEqualTo("limit_exceeded");
    assertThat(alice.client().wallet().get().dailyOutgoingRemainingCents()).isZero();
    assertThat(alice.balance()).isEqualTo(1_000);
    CLOCK.advance(Duration.ofDays(1));
    alice.client().wallet().sendTransfer(conversation, 1, null, PIN, key());
    assertThat(alice.balance()).isEqualTo(999);
  }

  @Test
  void concurrentRequestsWithOneKey_moveTheMoneyOnce() throws Exception {
    Person alice = WalletFixture.person(server, "alice", 0);
    String key = key();
    List<java.util.concurrent.Future<dev.atrium.sdk.WalletModels.TopUp>> answers =
        new java.util.ArrayList<>();

    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        answers.add(threads.submit(() -> alice.client().wallet().sandboxTopUp(1_23, key)));
      }
    }

    java.util.Set<String> postingIds = new java.util.HashSet<>();
    for (var answer : answers) {
      postingIds.add(answer.get().postingId());
    }
    assertThat(postingIds).hasSize(1);
    assertThat(alice.balance()).isEqualTo(1_23);
  }

  @Test
  void sandboxTopUp_isRefusedWhereTheOperatorDidNotEnableIt() {
    try (TestServer plain = TestServer.start()) {
      var client = plain.newUserClient("plain");

      AtriumApiException refused = catchApi(() -> client.wallet().sandboxTopUp(1_00, key()));

      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("sandbox_disabled");
      assertThat(client.wallet().get().sandboxTopUpEnabled()).isFalse();
    }
  }
}
