package dev.atrium.wallet;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MessagingModels.Conversation;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.Friends;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** People with wallets and chats, made through the public API as clients make them. */
final class WalletFixture {
  static final String PIN = "135790";

  private WalletFixture() {}

  /** A test node with sandbox top-ups on, cheap PIN hashing, and a clock the test moves. */
  static TestServer.Builder server(MutableClock clock) {
    return TestServer.builder()
        .clock(clock)
        .set("wallet.sandboxTopUpEnabled", "true")
        .set("security.argon2.memoryKibibytes", "8192")
        .set("security.argon2.iterations", "1");
  }

  static MutableClock clock() {
    return new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  }

  /** A user with a PIN and {@code cents} from the sandbox. */
  static Person person(TestServer server, String name, long cents) {
    Session session = server.newUser(name);
    AtriumClient client = server.client().as(session);
    client.wallet().setPin(PIN, null, null);
    if (cents > 0) {
      client.wallet().sandboxTopUp(cents, key());
    }
    return new Person(session, client);
  }

  record Person(Session session, AtriumClient client) {
    String id() {
      return session.account().id();
    }

    long balance() {
      return client.wallet().get().balanceCents();
    }
  }

  /** A 1:1 conversation of two contacts. */
  static String direct(TestServer server, Person first, Person second) {
    Friends.make(server, first.session(), second.session());
    Conversation conversation = first.client().conversations().createDirect(second.id());
    first
        .client()
        .conversations()
        .send(
            Outgoing.commit(conversation.id(), key(), 0, bytes("commit"))
                .withWelcome(bytes("welcome"), List.of(second.session().device().id())));
    return conversation.id();
  }

  /** A group made by {@code admin} with the others as members. */
  static String group(TestServer server, Person admin, List<Person> members) {
    Conversation group = admin.client().conversations().createGroup("group " + key());
    List<String> accountIds = new ArrayList<>();
    List<String> deviceIds = new ArrayList<>();
    for (Person member : members) {
      Friends.make(server, admin.session(), member.session());
      accountIds.add(member.id());
      deviceIds.add(member.session().device().id());
    }
    admin
        .client()
        .conversations()
        .send(
            Outgoing.commit(group.id(), key(), 0, bytes("commit"))
                .addingAccounts(accountIds)
                .withWelcome(bytes("welcome"), deviceIds));
    return group.id();
  }

  static String key() {
    return UUID.randomUUID().toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
