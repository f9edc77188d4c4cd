package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every messaging endpoint, called by someone who may not: a stranger learns nothing (404), a plain
 * member cannot administer (403), a revoked device is unauthenticated (401).
 */
class MessagingAuthorizationIntegrationTest {
  private static TestServer server;
  private static Session admin;
  private static Session member;
  private static String group;

  /** One call with the body it needs to get past validation. */
  private record Call(String method, String path, String body) {}

  @BeforeAll
  static void start() {
    server = TestServer.start();
    admin = server.newUser("authadmin");
    member = server.newUser("authmember");
    group = MessagingFixture.group(server, admin, List.of(member));
    server.client().as(admin).conversations().createInviteLink(group);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<Call> conversationCalls() {
    String base = "/api/v1/conversations/" + group;
    return List.of(
        new Call("GET", base, null),
        new Call("PATCH", base, "{\"name\":\"mine\"}"),
        new Call("POST", base + "/leave", null),
        new Call(
            "PUT", base + "/members/" + member.account().id() + "/role", "{\"role\":\"admin\"}"),
        new Call("POST", base + "/invite-link", null),
        new Call("DELETE", base + "/invite-link", null),
        new Call("GET", base + "/join-requests", null),
        new Call(
            "POST",
            base + "/envelopes",
            "{\"clientMessageId\":\""
                + id()
                + "\",\"kind\":\"application\",\"epoch\":1,\"ciphertext\":\"AAAA\"}"),
        new Call("GET", base + "/envelopes?after=0", null),
        new Call("POST", base + "/cursor", "{\"seq\":1}"));
  }

  @Test
  void stranger_getsNotFoundFromEveryConversationEndpoint() {
    AtriumClient stranger = server.newUserClient("authstranger");

    for (Call call : conversationCalls()) {
      RawResponse response = send(stranger, call);
      assertThat(response.status()).as(call.method() + " " + call.path()).isEqualTo(404);
      assertThat(response.errorCode()).isEqualTo("not_found");
    }
  }

  @Test
  void plainMember_cannotAdministerTheGroup() {
    AtriumClient plain = server.client().as(member);
    String base = "/api/v1/conversations/" + group;

    for (Call call :
        List.of(
            new Call("PATCH", base, "{\"name\":\"mine\"}"),
            new Call(
                "PUT",
                base + "/members/" + admin.account().id() + "/role",
                "{\"role\":\"member\"}"),
            new Call("POST", base + "/invite-link", null),
            new Call("DELETE", base + "/invite-link", null),
            new Call("GET", base + "/join-requests", null))) {
      RawResponse response = send(plain, call);
      assertThat(response.status()).as(call.method() + " " + call.path()).isEqualTo(403);
      assertThat(response.errorCode()).isEqualTo("admin_required");
    }
    RawResponse commit =
        send(
            plain,
            new Call(
                "POST",
                base + "/envelopes",
                "{\"clientMessageId\":\""
                    + id()
                    + "\",\"kind\":\"commit\",\"epoch\":1,\"ciphertext\":\"AAAA\",\"membership\":{\"removeAccountIds\":[\""
                    + admin.account().id()
                    + "\"]}}"));
    assertThat(commit.status()).isEqualTo(403);
  }

  @Test
  void revokedDevice_isUnauthenticatedEverywhere() {
    Session spare =
        server.client().login(member.account().username(), TestServer.PASSWORD, "spare");
    AtriumClient spareClient = server.client().as(spare);
    server.client().as(member).revokeDevice(spare.device().id());

    for (Call call : conversationCalls()) {
      assertThat(send(spareClient, call).status())
          .as(call.method() + " " + call.path())
          .isEqualTo(401);
    }
    assertThat(send(spareClient, new Call("GET", "/api/v1/conversations", null)).status())
        .isEqualTo(401);
    assertThat(send(spareClient, new Call("GET", "/api/v1/devices/current/items", null)).status())
        .isEqualTo(401);
  }

  @Test
  void itemsOfOneDevice_cannotBeAcknowledgedByAnother() {
    Session newcomer = server.newUser("itemowner");
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    String itemId = pair.bobClient(server).conversations().items().getFirst().itemId();

    server.client().as(newcomer).conversations().acknowledgeItems(List.of(itemId));

    assertThat(pair.bobClient(server).conversations().items())
        .extracting(item -> item.itemId())
        .contains(itemId);
  }

  @Test
  void welcomeCannotTargetAnotherAccountsDeviceInADirectConversation() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    Session outsider = server.newUser("outsider2");

    RawResponse response =
        send(
            pair.aliceClient(server),
            new Call(
                "POST",
                "/api/v1/conversations/" + pair.conversationId() + "/envelopes",
                "{\"clientMessageId\":\""
                    + id()
                    + "\",\"kind\":\"commit\",\"epoch\":1,\"ciphertext\":\"AAAA\","
                    + "\"welcome\":{\"ciphertext\":\"AAAA\",\"deviceIds\":[\""
                    + outsider.device().id()
                    + "\"]}}"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(
            pair.aliceClient(server)
                .conversations()
                .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("still works")))
                .seq())
        .isPositive();
  }

  private static RawResponse send(AtriumClient client, Call call) {
    byte[] body = call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8);
    return client.raw(call.method(), call.path(), body == null ? null : "application/json", body);
  }
}
