package dev.atrium.contacts;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.ContactModels.Contact;
import dev.atrium.sdk.ContactModels.ContactPage;
import dev.atrium.sdk.ContactModels.ContactProfile;
import dev.atrium.sdk.ContactModels.ContactRequest;
import dev.atrium.sdk.ContactModels.ContactRequestPage;
import dev.atrium.sdk.ContactModels.RequestOutcome;
import dev.atrium.sdk.ContactsClient;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactsIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().set("rateLimits.contactRequestPerAccount", "100000/1h").start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A registered user: the session and a contacts client acting as its device. */
  record User(Session session, AtriumClient client) {
    String id() {
      return session.account().id();
    }

    String username() {
      return session.account().username();
    }

    ContactsClient contacts() {
      return client.contacts();
    }
  }

  private static User user(TestServer on, String prefix) {
    Session session = on.newUser(prefix);
    return new User(session, on.client().as(session));
  }

  private static User user(String prefix) {
    return user(server, prefix);
  }

  private static ContactsService service() {
    return server.atrium().contacts().service();
  }

  private static void befriend(User a, User b) {
    ContactRequest request = a.contacts().sendRequest(b.username(), null).request();
    b.contacts().accept(request.id());
  }

  private static List<String> contactIds(User user) {
    return user.contacts().listAll().stream().map(contact -> contact.account().id()).toList();
  }

  private static List<ContactRequest> incoming(User user) {
    return user.contacts().incomingRequests(200, null).requests();
  }

  private static List<ContactRequest> outgoing(User user) {
    return user.contacts().outgoingRequests(200, null).requests();
  }

  @Test
  void acceptedRequest_makesBothContacts_andShowedProfileAndNoteWhilePending() {
    User alice = user("alice");
    User bob = user("bob");

    RequestOutcome sent =
        alice
            .contacts()
            .sendRequest(bob.username().toUpperCase(Locale.ROOT), "  We met at the café ☕ ");

    assertThat(sent.isNowContacts()).isFalse();
    assertThat(sent.request().direction()).isEqualTo("outgoing");
    assertThat(sent.request().account())
        .isEqualTo(new ContactProfile(bob.id(), bob.username(), "User " + bob.username()));
    ContactRequest received = incoming(bob).getFirst();
    assertThat(received.id()).isEqualTo(sent.request().id());
    assertThat(received.direction()).isEqualTo("incoming");
    assertThat(received.account())
        .isEqualTo(new ContactProfile(alice.id(), alice.username(), "User " + alice.username()));
    assertThat(received.note()).isEqualTo("We met at the café ☕");
    assertThat(outgoing(alice)).extracting(ContactRequest::id).containsExactly(sent.request().id());

    Contact accepted = bob.contacts().accept(received.id());

    assertThat(accepted.account().id()).isEqualTo(alice.id());
    assertThat(contactIds(alice)).containsExactly(bob.id());
    assertThat(contactIds(bob)).containsExactly(alice.id());
    assertThat(incoming(bob)).isEmpty();
    assertThat(outgoing(alice)).isEmpty();
    assertThat(service().areContacts(alice.id(), bob.id())).isTrue();
    assertThat(service().areContacts(bob.id(), alice.id())).isTrue();
  }

  @Test
  void requestInTheOppositeDirection_acceptsThePendingOne() {
    User alice = user("mutual_a");
    User bob = user("mutual_b");
    alice.contacts().sendRequest(bob.username(), "hi");

    RequestOutcome outcome = bob.contacts().sendRequest(alice.username(), "hi back");

    assertThat(outcome.isNowContacts()).isTrue();
    assertThat(outcome.request()).isNull();
    assertThat(outcome.contact().account().id()).isEqualTo(alice.id());
    assertThat(contactIds(alice)).containsExactly(bob.id());
    assertThat(outgoing(alice)).isEmpty();
    assertThat(outgoing(bob)).isEmpty();
  }

  @Test
  void simultaneousRequestsBothWays_endAsContacts_withNothingPending() throws Exception {
    for (int round = 0; round < 5; round++) {
      User alice = user("race_a");
      User bob = user("race_b");
      CyclicBarrier start = new CyclicBarrier(2);

      List<RequestOutcome> outcomes =
          runConcurrently(
              List.of(
                  () -> {
                    start.await();
                    return alice.contacts().sendRequest(bob.username(), null);
                  },
                  () -> {
                    start.await();
                    return bob.contacts().sendRequest(alice.username(), null);
                  }));

      assertThat(outcomes).filteredOn(RequestOutcome::isNowContacts).hasSize(1);
      assertThat(contactIds(alice)).containsExactly(bob.id());
      assertThat(outgoing(alice)).isEmpty();
      assertThat(outgoing(bob)).isEmpty();
    }
  }

  @Test
  void declinedRequest_disappearsForBoth_andCanBeSentAgain() {
    User alice = user("decline_a");
    User bob = user("decline_b");
    String requestId = alice.contacts().sendRequest(bob.username(), null).request().id();

    bob.contacts().decline(requestId);

    assertThat(incoming(bob)).isEmpty();
    assertThat(outgoing(alice)).isEmpty();
    assertThat(contactIds(bob)).isEmpty();
    assertThat(alice.contacts().sendRequest(bob.username(), "second try").isNowContacts())
        .isFalse();
  }

  @Test
  void cancelledRequest_disappearsForTheRecipient_andCannotBeAccepted() {
    User alice = user("cancel_a");
    User bob = user("cancel_b");
    String requestId = alice.contacts().sendRequest(bob.username(), null).request().id();

    alice.contacts().cancel(requestId);

    assertThat(incoming(bob)).isEmpty();
    assertThat(catchApi(() -> bob.contacts().accept(requestId)).status()).isEqualTo(404);
  }

  @Test
  void othersRequests_cannotBeAcceptedDeclinedOrCancelled_andLookNotFound() {
    User alice = user("authz_a");
    User bob = user("authz_b");
    User mallory = user("authz_m");
    String requestId = alice.contacts().sendRequest(bob.username(), null).request().id();

    List<AtriumApiException> refusals =
        List.of(
            catchApi(() -> mallory.contacts().accept(requestId)),
            catchApi(() -> mallory.contacts().decline(requestId)),
            catchApi(() -> mallory.contacts().cancel(requestId)),
            catchApi(() -> alice.contacts().accept(requestId)),
            catchApi(() -> alice.contacts().decline(requestId)),
            catchApi(() -> bob.contacts().cancel(requestId)),
            catchApi(() -> mallory.contacts().accept("no-such-request")));

    assertThat(refusals)
        .allSatisfy(
            refusal -> {
              assertThat(refusal.status()).isEqualTo(404);
              assertThat(refusal.code()).isEqualTo("not_found");
              assertThat(refusal.getMessage()).isEqualTo(refusals.getLast().getMessage());
            });
    assertThat(incoming(bob)).extracting(ContactRequest::id).containsExactly(requestId);
    assertThat(contactIds(mallory)).isEmpty();
  }

  @Test
  void requestToYourself_isRejectedNamingTheField() {
    User alice = user("self");

    AtriumApiException refused =
        catchApi(() -> alice.contacts().sendRequest(alice.username(), null));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("validation_failed");
    assertThat(refused.field()).isEqualTo("username");
  }

  @Test
  void requestToUnknownDisabledOrDeletedUser_isNotFound() {
    User alice = user("finder");
    User disabled = user("disabled");
    User deleted = user("deleted");
    server.atrium().identity().service().setDisabled(disabled.username(), true);
    deleted.client().deleteAccount(PASSWORD);

    for (String username : List.of("nobody_at_all", disabled.username(), deleted.username())) {
      AtriumApiException refused = catchApi(() -> alice.contacts().sendRequest(username, null));
      assertThat(refused.status()).as(username).isEqualTo(404);
      assertThat(refused.code()).isEqualTo("not_found");
    }
  }

  @Test
  void sameRequestTwice_isRequestPending_andToAContact_isAlreadyContacts() {
    User alice = user("twice_a");
    User bob = user("twice_b");
    User carol = user("twice_c");
    alice.contacts().sendRequest(bob.username(), null);
    befriend(alice, carol);

    AtriumApiException pending =
        catchApi(() -> alice.contacts().sendRequest(bob.username(), "again"));
    AtriumApiException already =
        catchApi(() -> carol.contacts().sendRequest(alice.username(), null));

    assertThat(pending.status()).isEqualTo(409);
    assertThat(pending.code()).isEqualTo("request_pending");
    assertThat(already.status()).isEqualTo(409);
    assertThat(already.code()).isEqualTo("already_contacts");
    assertThat(outgoing(alice)).hasSize(1);
  }

  @Test
  void note_isLimitedTo280Characters_withoutControlCharacters() {
    User alice = user("note_a");
    String longest = "é".repeat(280);

    assertThat(alice.contacts().sendRequest(user("note_b").username(), longest).request().note())
        .isEqualTo(longest);
    for (String note : List.of("é".repeat(281), "line\nbreak", "bell\u0007")) {
      AtriumApiException refused =
          catchApi(() -> alice.contacts().sendRequest(user("note_c").username(), note));
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.field()).isEqualTo("note");
    }
  }

  @Test
  void requestWithoutUsername_isMissingField() {
    User alice = user("shape");

    AtriumApiException refused = catchApi(() -> alice.contacts().sendRequest(null, "hello"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("missing_field");
    assertThat(refused.field()).isEqualTo("username");
  }

  @Test
  void pendingOutgoingRequests_areCappedPerAccount_evenWhenSentAtOnce() throws Exception {
    try (TestServer capped =
        TestServer.builder().set("contacts.pendingOutgoingRequestsMax", "3").start()) {
      User sender = user(capped, "spray");
      List<User> targets = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        targets.add(user(capped, "target"));
      }
      CyclicBarrier start = new CyclicBarrier(targets.size());

      List<String> results =
          runConcurrently(
              targets.stream()
                  .<Callable<String>>map(
                      target ->
                          () -> {
                            start.await();
                            try {
                              sender.contacts().sendRequest(target.username(), null);
                              return "sent";
                            } catch (AtriumApiException e) {
                              return e.status() + " " + e.code();
                            }
                          })
                  .toList());

      assertThat(results).filteredOn("sent"::equals).hasSize(3);
      assertThat(results).filteredOn("409 pending_request_limit"::equals).hasSize(3);
      assertThat(sender.contacts().outgoingRequests(200, null).requests()).hasSize(3);
      // Cancelling one frees a slot; accepting an incoming request never counts against the cap.
      sender
          .contacts()
          .cancel(sender.contacts().outgoingRequests(1, null).requests().getFirst().id());
      assertThat(
              sender.contacts().sendRequest(user(capped, "later").username(), null).isNowContacts())
          .isFalse();
      User asker = user(capped, "asker");
      asker.contacts().sendRequest(sender.username(), null);
      assertThat(sender.contacts().sendRequest(asker.username(), null).isNowContacts()).isTrue();
    }
  }

  @Test
  void contactRequests_areRateLimitedPerAccount() {
    try (TestServer limited =
        TestServer.builder().set("rateLimits.contactRequestPerAccount", "2/1h").start()) {
      User sender = user(limited, "eager");
      sender.contacts().sendRequest(user(limited, "one").username(), null);
      // Failed attempts count too, so the limit also bounds probing for usernames.
      catchApi(() -> sender.contacts().sendRequest("no_such_user", null));

      AtriumApiException refused =
          catchApi(() -> sender.contacts().sendRequest(user(limited, "two").username(), null));

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.code()).isEqualTo("rate_limited");
      assertThat(refused.retryAfterSeconds()).isPositive();
    }
  }

  @Test
  void blockedUser_cannotSendRequest_andLearnsNothing() {
    User alice = user("blocker");
    User bob = user("blocked");
    User carol = user("blocked_by_self");
    alice.contacts().block(bob.id());
    carol.contacts().block(alice.id());

    // Bob was blocked by Alice; Alice blocked Carol herself: both refusals look exactly alike.
    AtriumApiException blockedByThem =
        catchApi(() -> bob.contacts().sendRequest(alice.username(), "please"));
    AtriumApiException blockedByMe =
        catchApi(() -> alice.contacts().sendRequest(carol.username(), null));
    AtriumApiException viaLink =
        catchApi(() -> bob.contacts().redeemLink(alice.contacts().link().token(), null));

    for (AtriumApiException refusal : List.of(blockedByThem, blockedByMe, viaLink)) {
      assertThat(refusal.status()).isEqualTo(403);
      assertThat(refusal.code()).isEqualTo("request_refused");
      assertThat(refusal.getMessage()).isEqualTo(blockedByThem.getMessage());
      assertThat(refusal.getMessage()).doesNotContainIgnoringCase("block");
    }
    assertThat(incoming(alice)).isEmpty();
    assertThat(service().isBlockedEitherWay(bob.id(), alice.id())).isTrue();
    assertThat(service().isBlockedEitherWay(alice.id(), bob.id())).isTrue();
    assertThat(service().isBlockedEitherWay(alice.id(), user("stranger").id())).isFalse();
  }

  @Test
  void blocking_endsTheFriendshipAndPendingRequestsInBothDirections() {
    User alice = user("ends_a");
    User friend = user("ends_friend");
    User asker = user("ends_asker");
    User asked = user("ends_asked");
    befriend(alice, friend);
    asker.contacts().sendRequest(alice.username(), null);
    alice.contacts().sendRequest(asked.username(), null);

    alice.contacts().block(friend.id());
    alice.contacts().block(asker.id());
    alice.contacts().block(asked.id());

    assertThat(contactIds(alice)).isEmpty();
    assertThat(contactIds(friend)).isEmpty();
    assertThat(service().areContacts(friend.id(), alice.id())).isFalse();
    assertThat(incoming(alice)).isEmpty();
    assertThat(outgoing(asker)).isEmpty();
    assertThat(outgoing(alice)).isEmpty();
    assertThat(incoming(asked)).isEmpty();
  }

  @Test
  void block_isIdempotentAndListed_andUnblockAllowsRequestsAgainWithoutRestoringFriendship() {
    User alice = user("unblock_a");
    User bob = user("unblock_b");
    befriend(alice, bob);

    alice.contacts().block(bob.id());
    alice.contacts().block(bob.id());

    assertThat(alice.contacts().blocks(50, null).blocks())
        .singleElement()
        .satisfies(block -> assertThat(block.account().username()).isEqualTo(bob.username()));
    assertThat(bob.contacts().blocks(50, null).blocks()).isEmpty();

    alice.contacts().unblock(bob.id());

    assertThat(alice.contacts().blocks(50, null).blocks()).isEmpty();
    assertThat(contactIds(alice)).isEmpty();
    assertThat(bob.contacts().sendRequest(alice.username(), null).isNowContacts()).isFalse();
  }

  @Test
  void blockingYourselfUnknownAccountsOrUnblockingStrangers_isRefused() {
    User alice = user("blockcheck");
    User stranger = user("blockcheck_s");

    AtriumApiException self = catchApi(() -> alice.contacts().block(alice.id()));
    AtriumApiException unknown = catchApi(() -> alice.contacts().block("AAAAAAAAAAAAAAAAAAAAAA"));
    AtriumApiException notBlocked = catchApi(() -> alice.contacts().unblock(stranger.id()));

    assertThat(self.status()).isEqualTo(422);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(notBlocked.status()).isEqualTo(404);
  }

  @Test
  void removingAContact_endsItOnBothSides_andOnlyTheTwoCanDoIt() {
    User alice = user("remove_a");
    User bob = user("remove_b");
    User mallory = user("remove_m");
    befriend(alice, bob);

    assertThat(catchApi(() -> mallory.contacts().remove(bob.id())).status()).isEqualTo(404);
    assertThat(contactIds(alice)).containsExactly(bob.id());

    bob.contacts().remove(alice.id());

    assertThat(contactIds(alice)).isEmpty();
    assertThat(contactIds(bob)).isEmpty();
    assertThat(service().areContacts(alice.id(), bob.id())).isFalse();
    assertThat(catchApi(() -> alice.contacts().remove(bob.id())).status()).isEqualTo(404);
  }

  @Test
  void contactList_isPagedByCursor_withBoundedLimit() {
    User hub = user("hub");
    List<String> friendIds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      User friend = user("spoke");
      befriend(friend, hub);
      friendIds.add(friend.id());
    }

    List<String> seen = new ArrayList<>();
    ContactPage page = hub.contacts().list(2, null);
    int pages = 1;
    seen.addAll(page.contacts().stream().map(c -> c.account().id()).toList());
    while (page.nextCursor() != null) {
      page = hub.contacts().list(2, page.nextCursor());
      seen.addAll(page.contacts().stream().map(c -> c.account().id()).toList());
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(friendIds.stream().sorted().toList());
    for (int limit : new int[] {0, 201}) {
      AtriumApiException refused = catchApi(() -> hub.contacts().list(limit, null));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.field()).isEqualTo("limit");
    }
    assertThat(catchApi(() -> hub.contacts().list(10, "not a cursor!")).field()).isEqualTo("after");
  }

  @Test
  void requestLists_arePagedNewestFirst() {
    User popular = user("popular");
    List<String> requestIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      requestIds.add(
          user("fan").contacts().sendRequest(popular.username(), "#" + i).request().id());
    }

    ContactRequestPage first = popular.contacts().incomingRequests(2, null);
    ContactRequestPage second = popular.contacts().incomingRequests(2, first.nextCursor());

    List<String> seen = new ArrayList<>(first.requests().stream().map(ContactRequest::id).toList());
    seen.addAll(second.requests().stream().map(ContactRequest::id).toList());
    assertThat(seen).containsExactlyElementsOf(requestIds.reversed());
    assertThat(second.nextCursor()).isNull();
    assertThat(
            popular
                .client()
                .raw("GET", "/api/v1/contacts/requests?direction=sideways", null, null)
                .errorCode())
        .isEqualTo("invalid_parameter");
  }

  @Test
  void export_hasAContactsSection_withContactsRequestsBlocksAndLink() {
    User alice = user("export_a");
    User friend = user("export_f");
    User asker = user("export_in");
    User asked = user("export_out");
    User pest = user("export_pest");
    befriend(alice, friend);
    asker.contacts().sendRequest(alice.username(), "let's talk");
    alice.contacts().sendRequest(asked.username(), "hello there");
    alice.contacts().block(pest.id());
    String token = alice.contacts().link().token();

    JsonNode section = alice.client().export().sections().get("contacts");

    assertThat(section.path("contacts").findValuesAsText("accountId")).containsExactly(friend.id());
    assertThat(section.path("incomingRequests").get(0).path("accountId").asText())
        .isEqualTo(asker.id());
    assertThat(section.path("incomingRequests").get(0).path("note").asText())
        .isEqualTo("let's talk");
    assertThat(section.path("outgoingRequests").get(0).path("accountId").asText())
        .isEqualTo(asked.id());
    assertThat(section.path("outgoingRequests").get(0).path("note").asText())
        .isEqualTo("hello there");
    assertThat(section.path("blocks").findValuesAsText("accountId")).containsExactly(pest.id());
    assertThat(section.path("contactLink").path("token").asText()).isEqualTo(token);
  }

  @Test
  void accountDeletion_removesEveryContactsRowOfTheAccount_onBothSides() {
    User leaver = user("leaver");
    User friend = user("leaver_friend");
    User asked = user("leaver_asked");
    User asker = user("leaver_asker");
    User blockedByLeaver = user("leaver_blocked");
    User blockerOfLeaver = user("leaver_blocker");
    befriend(leaver, friend);
    leaver.contacts().sendRequest(asked.username(), null);
    asker.contacts().sendRequest(leaver.username(), null);
    leaver.contacts().block(blockedByLeaver.id());
    blockerOfLeaver.contacts().block(leaver.id());
    String token = leaver.contacts().link().token();

    leaver.client().deleteAccount(PASSWORD);

    assertThat(service().areContacts(friend.id(), leaver.id())).isFalse();
    assertThat(service().areContacts(leaver.id(), friend.id())).isFalse();
    assertThat(service().isBlockedEitherWay(leaver.id(), blockedByLeaver.id())).isFalse();
    assertThat(service().isBlockedEitherWay(blockerOfLeaver.id(), leaver.id())).isFalse();
    JsonNode friendExport = friend.client().export().sections().get("contacts");
    assertThat(friendExport.path("contacts").size()).isZero();
    assertThat(asked.client().export().sections().get("contacts").path("incomingRequests").size())
        .isZero();
    assertThat(asker.client().export().sections().get("contacts").path("outgoingRequests").size())
        .isZero();
    assertThat(blockerOfLeaver.client().export().sections().get("contacts").path("blocks").size())
        .isZero();
    assertThat(catchApi(() -> friend.contacts().redeemLink(token, null)).status()).isEqualTo(404);
  }

  private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
    try (ExecutorService executor = Executors.newFixedThreadPool(tasks.size())) {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(executor.submit(task));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }
}
