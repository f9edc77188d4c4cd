package dev.atrium.notifications;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Conversation;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.RawResponse;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.Friends;
import dev.atrium.testing.TestPushService;
import dev.atrium.testing.TestPushService.Received;
import dev.atrium.testing.TestPushService.Subscription;
import dev.atrium.testing.TestServer;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Web Push through the public API against a real push service peer: devices subscribe, a message to
 * a device that is not connected wakes it with a payload that names neither sender nor content,
 * signed with VAPID and encrypted for that device alone.
 */
class PushIntegrationTest {
  private static final String JSON = "application/json";
  private static final String SUBSCRIPTION = "/api/v1/devices/current/push-subscription";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static TestServer server;
  private static TestPushService pushService;

  @BeforeAll
  static void start() {
    pushService = TestPushService.start();
    server =
        TestServer.builder()
            .set("ATRIUM_PUSH_ALLOW_LOCAL_ENDPOINTS", "true")
            .set("ATRIUM_PUSH_WAKE_INTERVAL_MILLIS", "0")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    pushService.close();
  }

  @Test
  void serverKey_isAnUncompressedP256Point_theSameForEveryone() throws Exception {
    RawResponse first =
        client(server.newUser("key")).raw("GET", "/api/v1/push/server-key", null, null);
    RawResponse second =
        client(server.newUser("key")).raw("GET", "/api/v1/push/server-key", null, null);

    assertThat(first.status()).isEqualTo(200);
    String key = json(first).path("applicationServerKey").asText();
    assertThat(Base64.getUrlDecoder().decode(key)).hasSize(65).startsWith(4);
    assertThat(json(second).path("applicationServerKey").asText()).isEqualTo(key);
  }

  @Test
  void messageToADeviceThatIsNotConnected_wakesIt_withNeitherSenderNorContent() throws Exception {
    Pair pair = pair();
    Subscription bobPush = subscribe(pair.bob());

    send(pair, "the secret plan");

    Received push = awaitPushTo(bobPush);
    assertThat(push.vapidProblem()).isNull();
    assertThat(push.header("Content-Encoding")).isEqualTo("aes128gcm");
    assertThat(push.header("TTL")).isEqualTo("86400");
    assertThat(push.header("Topic")).isEqualTo("wake");
    assertThat(push.plaintext()).isNotNull();
    assertThat(json(push.plaintext())).isEqualTo(json("{\"v\":1,\"reason\":\"message\"}"));
    assertThat(push.plaintext())
        .doesNotContain(pair.alice().account().id())
        .doesNotContain(pair.alice().account().username())
        .doesNotContain(pair.conversationId());
  }

  @Test
  void theSendingDevice_andDevicesConnectedHere_areNotWoken() throws Exception {
    Pair pair = pair();
    Subscription alicePush = subscribe(pair.alice());
    Subscription bobPush = subscribe(pair.bob());

    try (DeviceSocket bob = client(pair.bob()).openSocket()) {
      assertThat(bob.nextEvent(SocketEvent.Ready.class, WAIT)).isNotNull();
      send(pair, "while bob is online");
      send(pair, "and once more");
      assertThat(bob.nextEvent(SocketEvent.Envelopes.class, WAIT)).isNotNull();
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (server.atrium().delivery().isConnected(pair.bob().device().id())) {
      assertThat(System.nanoTime()).as("bob's socket closed").isLessThan(deadline);
      Thread.onSpinWait();
    }
    send(pair, "now bob is away");

    // Wake-ups leave in order: had either online message woken anyone, it would show up here.
    List<Received> seen = pushesUntilOneReaches(bobPush);
    seen.addAll(pushService.drain());
    assertThat(seen)
        .extracting(Received::endpoint)
        .containsOnlyOnce(bobPush.endpoint())
        .doesNotContain(alicePush.endpoint());
  }

  @Test
  void aContactRequest_wakesTheRecipientsDevices_sayingOnlyThatItIsARequest() throws Exception {
    Session frank = server.newUser("frank");
    Session grace = server.newUser("grace");
    Subscription gracePush = subscribe(grace);

    client(frank).contacts().sendRequest(grace.account().username(), "hello from the train");

    Received push = awaitPushTo(gracePush);
    assertThat(push.vapidProblem()).isNull();
    assertThat(json(push.plaintext())).isEqualTo(json("{\"v\":1,\"reason\":\"contact_request\"}"));
  }

  @Test
  void aMutedChat_wakesNoDeviceOfTheAccount_untilUnmuted() throws Exception {
    Pair pair = pair();
    Subscription bobPush = subscribe(pair.bob());
    AtriumClient bob = client(pair.bob());
    String mutePath = "/api/v1/conversations/" + pair.conversationId() + "/mute";

    assertThat(bob.raw("PUT", mutePath, JSON, "{}".getBytes(UTF_8)).status()).isEqualTo(200);
    send(pair, "while muted");
    assertThat(bob.raw("DELETE", mutePath, null, null).status()).isEqualTo(204);
    send(pair, "after unmuting");

    List<Received> seen = pushesUntilOneReaches(bobPush);
    seen.addAll(pushService.drain());
    assertThat(seen).extracting(Received::endpoint).containsOnlyOnce(bobPush.endpoint());
  }

  @Test
  void mutes_areListedWithTheirEnd_andOnlyMembersMayMute() throws Exception {
    Pair pair = pair();
    AtriumClient bob = client(pair.bob());
    String mutePath = "/api/v1/conversations/" + pair.conversationId() + "/mute";
    String until =
        java.time.Instant.now()
            .plus(Duration.ofHours(8))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString();

    RawResponse muted =
        bob.raw("PUT", mutePath, JSON, ("{\"until\":\"" + until + "\"}").getBytes(UTF_8));
    assertThat(muted.status()).as(muted.body()).isEqualTo(200);
    assertThat(json(muted).path("mutedUntil").asText()).isEqualTo(until);
    JsonNode list = json(bob.raw("GET", "/api/v1/muted-conversations", null, null));
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("conversationId").asText()).isEqualTo(pair.conversationId());
    assertThat(client(pair.alice()).raw("GET", "/api/v1/muted-conversations", null, null).body())
        .isEqualTo("[]");

    assertThat(
            client(server.newUser("outsider"))
                .raw("PUT", mutePath, JSON, "{}".getBytes(UTF_8))
                .status())
        .isEqualTo(404);
    RawResponse past =
        bob.raw("PUT", mutePath, JSON, "{\"until\":\"2020-01-01T00:00:00Z\"}".getBytes(UTF_8));
    assertThat(past.status()).isEqualTo(422);
    assertThat(past.body()).contains("\"until\"");
    assertThat(bob.raw("PUT", mutePath, JSON, "{\"until\":\"tomorrow\"}".getBytes(UTF_8)).status())
        .isEqualTo(400);
  }

  @Test
  void aSubscriptionThePushServiceSaysIsGone_isForgotten() throws Exception {
    Pair pair = pair();
    Subscription bobPush = subscribe(pair.bob());
    pushService.answer(bobPush, 410);

    send(pair, "to a browser that unsubscribed");

    awaitPushTo(bobPush);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (client(pair.bob()).raw("GET", SUBSCRIPTION, null, null).status() != 404) {
      assertThat(System.nanoTime()).as("subscription removed after 410").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void subscription_canBeReadReplacedAndDeleted() throws Exception {
    Session carol = server.newUser("carol");
    Subscription first = subscribe(carol);
    Subscription second = subscribe(carol);

    RawResponse read = client(carol).raw("GET", SUBSCRIPTION, null, null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(json(read).path("endpoint").asText())
        .isEqualTo(second.endpoint())
        .isNotEqualTo(first.endpoint());
    assertThat(client(carol).raw("DELETE", SUBSCRIPTION, null, null).status()).isEqualTo(204);
    assertThat(client(carol).raw("GET", SUBSCRIPTION, null, null).status()).isEqualTo(404);
    assertThat(client(carol).raw("DELETE", SUBSCRIPTION, null, null).status()).isEqualTo(404);
  }

  @Test
  void badSubscriptions_get422NamingTheField() {
    AtriumClient dave = client(server.newUser("dave"));
    Subscription good = pushService.subscribe();
    String notOnTheCurve = Base64.getUrlEncoder().withoutPadding().encodeToString(notOnCurve());

    assertRefused(dave, body("ftp://push.example/x", good.p256dh(), good.auth()), 422, "endpoint");
    assertRefused(
        dave, body("https://push.example/x#frag", good.p256dh(), good.auth()), 422, "endpoint");
    assertRefused(
        dave,
        body("https://push.example/" + "x".repeat(2_100), good.p256dh(), good.auth()),
        422,
        "endpoint");
    assertRefused(dave, body(good.endpoint(), notOnTheCurve, good.auth()), 422, "keys.p256dh");
    assertRefused(dave, body(good.endpoint(), "not base64 !", good.auth()), 422, "keys.p256dh");
    assertRefused(dave, body(good.endpoint(), good.p256dh(), "c2hvcnQ"), 422, "keys.auth");
    assertRefused(dave, "{\"endpoint\":\"" + good.endpoint() + "\"}", 400, "keys");
    assertThat(dave.raw("GET", SUBSCRIPTION, null, null).status()).isEqualTo(404);
  }

  @Test
  void accountExportListsTheSubscriptions_andDeletionRemovesThem() throws Exception {
    Session erin = server.newUser("erin");
    Subscription push = subscribe(erin);

    JsonNode section =
        MAPPER.valueToTree(client(erin).export().sections().get("pushSubscriptions"));
    assertThat(section.get(0).path("endpoint").asText()).isEqualTo(push.endpoint());
    client(erin).logout();
    Session again =
        server.client().login(erin.account().username(), TestServer.PASSWORD, "second browser");
    assertThat(client(again).raw("GET", SUBSCRIPTION, null, null).status())
        .as("a new device has no subscription")
        .isEqualTo(404);
    JsonNode afterLogout =
        MAPPER.valueToTree(client(again).export().sections().get("pushSubscriptions"));
    assertThat(afterLogout).as("the logged-out device's subscription went with it").isEmpty();
  }

  private static void assertRefused(AtriumClient client, String body, int status, String field) {
    RawResponse response = client.raw("PUT", SUBSCRIPTION, JSON, body.getBytes(UTF_8));
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("\"" + field + "\"");
  }

  private static String body(String endpoint, String p256dh, String auth) {
    return "{\"endpoint\":\""
        + endpoint
        + "\",\"keys\":{\"p256dh\":\""
        + p256dh
        + "\",\"auth\":\""
        + auth
        + "\"}}";
  }

  private static byte[] notOnCurve() {
    byte[] point = new byte[65];
    point[0] = 4;
    point[64] = 7;
    return point;
  }

  private static Subscription subscribe(Session session) {
    Subscription subscription = pushService.subscribe();
    RawResponse response =
        client(session)
            .raw(
                "PUT",
                SUBSCRIPTION,
                JSON,
                body(subscription.endpoint(), subscription.p256dh(), subscription.auth())
                    .getBytes(UTF_8));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return subscription;
  }

  private static Received awaitPushTo(Subscription subscription) throws InterruptedException {
    List<Received> seen = pushesUntilOneReaches(subscription);
    return seen.get(seen.size() - 1);
  }

  /** Waits for a push to the subscription; returns every push seen meanwhile, that one last. */
  private static List<Received> pushesUntilOneReaches(Subscription subscription)
      throws InterruptedException {
    List<Received> seen = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Received push = pushService.next(Duration.ofMillis(200));
      if (push != null) {
        seen.add(push);
        if (push.endpoint().equals(subscription.endpoint())) {
          return seen;
        }
      }
    }
    throw new AssertionError("no push reached " + subscription.endpoint() + " within " + WAIT);
  }

  private record Pair(Session alice, Session bob, String conversationId) {}

  /** Alice and Bob, contacts, in a direct conversation whose group holds one device of each. */
  private static Pair pair() {
    Session alice = server.newUser("alice");
    Session bob = server.newUser("bob");
    Friends.make(server, alice, bob);
    AtriumClient aliceClient = client(alice);
    Conversation conversation = aliceClient.conversations().createDirect(bob.account().id());
    aliceClient
        .conversations()
        .send(
            Outgoing.commit(conversation.id(), id(), 0, "commit".getBytes(UTF_8))
                .withWelcome("welcome".getBytes(UTF_8), List.of(bob.device().id())));
    pushService.drain();
    return new Pair(alice, bob, conversation.id());
  }

  private static void send(Pair pair, String text) {
    client(pair.alice())
        .conversations()
        .send(Outgoing.application(pair.conversationId(), id(), 1, text.getBytes(UTF_8)));
  }

  private static AtriumClient client(Session session) {
    return server.client().as(session);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  private static JsonNode json(RawResponse response) throws Exception {
    return MAPPER.readTree(response.body());
  }

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }
}
