package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.messaging.MessagingFixture.text;
import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Item;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.MessagingModels.Sent;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvelopeIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().set("ATRIUM_CIPHERTEXT_BYTES_MAX", "4096").start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void send_assignsConsecutiveSequenceNumbers_andMembersReadThemInOrder() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    AtriumClient alice = pair.aliceClient(server);

    Sent first =
        alice
            .conversations()
            .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("hello")));
    Sent second =
        alice
            .conversations()
            .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("again")));

    assertThat(first.seq()).isEqualTo(2);
    assertThat(second.seq()).isEqualTo(3);
    List<Envelope> read =
        pair.bobClient(server).conversations().envelopes(pair.conversationId(), 1, 100);
    assertThat(read).extracting(Envelope::seq).containsExactly(2L, 3L);
    assertThat(text(read.get(0).ciphertextBytes())).isEqualTo("hello");
    assertThat(read.get(0).senderDeviceId()).isEqualTo(pair.alice().device().id());
    assertThat(read.get(0).kind()).isEqualTo("application");
  }

  @Test
  void resend_withSameClientMessageId_returnsTheSameNumber_andStoresNothingNew() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    AtriumClient alice = pair.aliceClient(server);
    Outgoing message = Outgoing.application(pair.conversationId(), "retry-me", 1, bytes("once"));

    Sent first = alice.conversations().send(message);
    Sent retry = alice.conversations().send(message);

    assertThat(retry.seq()).isEqualTo(first.seq());
    assertThat(retry.duplicate()).isTrue();
    assertThat(alice.conversations().envelopes(pair.conversationId(), 0, 100)).hasSize(2);
  }

  @Test
  void nonMembers_getNotFound_forSendReadAndDetails() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    AtriumClient stranger = server.newUserClient("stranger");

    assertThat(
            catchApi(
                    () ->
                        stranger
                            .conversations()
                            .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("x"))))
                .status())
        .isEqualTo(404);
    assertThat(
            catchApi(() -> stranger.conversations().envelopes(pair.conversationId(), 0, 10))
                .status())
        .isEqualTo(404);
    assertThat(catchApi(() -> stranger.conversations().get(pair.conversationId())).status())
        .isEqualTo(404);
    assertThat(catchApi(() -> stranger.conversations().get("no-such-conversation")).status())
        .isEqualTo(404);
  }

  @Test
  void commit_isAcceptedOnlyAtTheCurrentEpoch_andAdvancesIt() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    AtriumClient bob = pair.bobClient(server);

    AtriumApiException stale =
        catchApi(
            () ->
                bob.conversations()
                    .send(Outgoing.commit(pair.conversationId(), id(), 0, bytes("late commit"))));
    Sent accepted =
        bob.conversations().send(Outgoing.commit(pair.conversationId(), id(), 1, bytes("commit")));
    AtriumApiException future =
        catchApi(
            () ->
                bob.conversations()
                    .send(
                        Outgoing.application(
                            pair.conversationId(), id(), 5, bytes("from the future"))));

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.code()).isEqualTo("epoch_conflict");
    assertThat(stale.currentEpoch()).isEqualTo(1);
    assertThat(accepted.epoch()).isEqualTo(2);
    assertThat(future.code()).isEqualTo("epoch_conflict");
    assertThat(bob.conversations().get(pair.conversationId()).conversation().epoch()).isEqualTo(2);
  }

  @Test
  void
      applicationMessage_onAnEpochACommitAlreadyReplaced_isRefused_soNoMemberGetsOneItCannotRead() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    AtriumClient alice = pair.aliceClient(server);
    AtriumClient bob = pair.bobClient(server);
    bob.conversations()
        .send(Outgoing.commit(pair.conversationId(), id(), 1, bytes("commit to epoch 2")));

    AtriumApiException stale =
        catchApi(
            () ->
                alice
                    .conversations()
                    .send(
                        Outgoing.application(
                            pair.conversationId(), id(), 1, bytes("encrypted before the commit"))));
    Sent current =
        alice
            .conversations()
            .send(Outgoing.application(pair.conversationId(), id(), 2, bytes("caught up")));

    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.code()).isEqualTo("epoch_conflict");
    assertThat(stale.currentEpoch()).isEqualTo(2);
    assertThat(current.epoch()).isEqualTo(2);
    assertThat(bob.conversations().envelopes(pair.conversationId(), 0, 100))
        .extracting(Envelope::epoch)
        .containsExactly(0L, 1L, 2L);
  }

  @Test
  void concurrentCommits_forOneEpoch_exactlyOneWins() throws Exception {
    Session admin = server.newUser("admin");
    List<Session> members = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      members.add(server.newUser("member"));
    }
    String group = MessagingFixture.group(server, admin, members);
    List<Session> committers = new ArrayList<>(members);
    committers.add(admin);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(committers.size())) {
      for (Session committer : committers) {
        outcomes.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    server
                        .client()
                        .as(committer)
                        .conversations()
                        .send(Outgoing.commit(group, id(), 1, bytes("update")));
                    return 201;
                  } catch (AtriumApiException e) {
                    return e.status();
                  }
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> outcome : outcomes) {
        statuses.add(outcome.get(30, TimeUnit.SECONDS));
      }

      assertThat(Collections.frequency(statuses, 201)).isEqualTo(1);
      assertThat(Collections.frequency(statuses, 409)).isEqualTo(committers.size() - 1);
    }
    assertThat(server.client().as(admin).conversations().get(group).conversation().epoch())
        .isEqualTo(2);
  }

  @Test
  void concurrentSenders_getGaplessNumbers_andEachSendersOrderIsKept() throws Exception {
    Session admin = server.newUser("orderadmin");
    List<Session> members = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      members.add(server.newUser("sender"));
    }
    String group = MessagingFixture.group(server, admin, members);
    int perSender = 40;
    try (ExecutorService pool = Executors.newFixedThreadPool(members.size())) {
      List<Future<List<Long>>> results = new ArrayList<>();
      for (Session member : members) {
        results.add(
            pool.submit(
                () -> {
                  List<Long> seqs = new ArrayList<>();
                  AtriumClient client = server.client().as(member);
                  for (int i = 0; i < perSender; i++) {
                    seqs.add(
                        client
                            .conversations()
                            .send(
                                Outgoing.application(
                                    group,
                                    member.device().id() + "-" + i,
                                    1,
                                    bytes(member.device().id() + ":" + i)))
                            .seq());
                  }
                  return seqs;
                }));
      }
      for (Future<List<Long>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isSorted();
      }
    }

    List<Envelope> all = server.client().as(admin).conversations().envelopes(group, 1, 500);
    assertThat(all).hasSize(members.size() * perSender);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i + 2L);
    }
    for (Session member : members) {
      List<String> mine =
          all.stream()
              .filter(e -> e.senderDeviceId().equals(member.device().id()))
              .map(e -> text(e.ciphertextBytes()))
              .toList();
      assertThat(mine).hasSize(perSender);
      for (int i = 0; i < perSender; i++) {
        assertThat(mine.get(i)).isEqualTo(member.device().id() + ":" + i);
      }
    }
  }

  @Test
  void welcome_isDeliveredOnlyWhenItsCommitWasAccepted() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    AtriumClient bob = pair.bobClient(server);
    Session bobLaptop =
        server.client().login(pair.bob().account().username(), TestServer.PASSWORD, "Laptop");
    AtriumClient laptop = server.client().as(bobLaptop);

    catchApi(
        () ->
            bob.conversations()
                .send(
                    Outgoing.commit(pair.conversationId(), id(), 0, bytes("stale"))
                        .withWelcome(bytes("stale welcome"), List.of(bobLaptop.device().id()))));
    assertThat(laptop.conversations().items()).isEmpty();

    Sent commit =
        bob.conversations()
            .send(
                Outgoing.commit(pair.conversationId(), id(), 1, bytes("add laptop"))
                    .withWelcome(bytes("welcome laptop"), List.of(bobLaptop.device().id())));
    List<Item> items = laptop.conversations().items();
    assertThat(items).hasSize(1);
    assertThat(items.getFirst().kind()).isEqualTo("welcome");
    assertThat(items.getFirst().seq()).isEqualTo(commit.seq());
    assertThat(text(items.getFirst().payloadBytes())).isEqualTo("welcome laptop");

    laptop.conversations().acknowledgeItems(List.of(items.getFirst().itemId()));
    assertThat(laptop.conversations().items()).isEmpty();
  }

  @Test
  void welcome_forADeviceOfANonMember_isRejected() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    Session outsider = server.newUser("outsider");

    AtriumApiException refused =
        catchApi(
            () ->
                pair.aliceClient(server)
                    .conversations()
                    .send(
                        Outgoing.commit(pair.conversationId(), id(), 1, bytes("sneaky"))
                            .withWelcome(bytes("w"), List.of(outsider.device().id()))));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("invalid_membership_change");
  }

  @Test
  void badEnvelopes_getClearClientErrors() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    AtriumClient alice = pair.aliceClient(server);
    String path = "/api/v1/conversations/" + pair.conversationId() + "/envelopes";

    assertThat(
            catchApi(
                    () ->
                        alice
                            .conversations()
                            .send(
                                Outgoing.application(
                                    pair.conversationId(), id(), 1, new byte[4097])))
                .code())
        .isEqualTo("ciphertext_too_large");
    assertThat(
            post(
                    alice,
                    path,
                    "{\"clientMessageId\":\"a\",\"kind\":\"application\",\"epoch\":1,\"ciphertext\":\"***\"}")
                .errorCode())
        .isEqualTo("invalid_type");
    assertThat(
            post(
                    alice,
                    path,
                    "{\"clientMessageId\":\"a\",\"kind\":\"shout\",\"epoch\":1,\"ciphertext\":\"AA==\"}")
                .errorCode())
        .isEqualTo("validation_failed");
    assertThat(
            post(
                    alice,
                    path,
                    "{\"clientMessageId\":\"a\",\"kind\":\"application\",\"ciphertext\":\"AA==\"}")
                .errorCode())
        .isEqualTo("missing_field");
    assertThat(
            post(
                    alice,
                    path,
                    "{\"clientMessageId\":\"a b\",\"kind\":\"application\",\"epoch\":1,\"ciphertext\":\"AA==\"}")
                .status())
        .isEqualTo(422);
    assertThat(
            post(
                    alice,
                    path,
                    "{\"clientMessageId\":\"a\",\"kind\":\"application\",\"epoch\":1,\"ciphertext\":\"AA==\","
                        + "\"membership\":{\"addAccountIds\":[\"x\"]}}")
                .status())
        .isEqualTo(422);
  }

  private static dev.atrium.sdk.RawResponse post(AtriumClient client, String path, String json) {
    return client.raw(
        "POST", path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
