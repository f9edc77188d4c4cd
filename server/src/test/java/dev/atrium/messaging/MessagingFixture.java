package dev.atrium.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Conversation;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.Friends;
import dev.atrium.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds conversations the way clients do: create, then add the other devices by commit with a
 * Welcome. Public for the tests of {@code messaging.groups} too.
 */
public final class MessagingFixture {
  public static final Duration WAIT = Duration.ofSeconds(10);

  private MessagingFixture() {}

  /** Alice and Bob, contacts, in a direct conversation whose group holds one device of each. */
  public record Pair(Session alice, Session bob, String conversationId) {
    public AtriumClient aliceClient(TestServer server) {
      return server.client().as(alice);
    }

    public AtriumClient bobClient(TestServer server) {
      return server.client().as(bob);
    }
  }

  public static Pair directPair(TestServer server) {
    Session alice = server.newUser("alice");
    Session bob = server.newUser("bob");
    Friends.make(server, alice, bob);
    AtriumClient aliceClient = server.client().as(alice);
    Conversation conversation = aliceClient.conversations().createDirect(bob.account().id());
    aliceClient
        .conversations()
        .send(
            Outgoing.commit(conversation.id(), id(), 0, bytes("commit: add bob"))
                .withWelcome(bytes("welcome for bob"), List.of(bob.device().id())));
    return new Pair(alice, bob, conversation.id());
  }

  /** A group made by {@code admin} holding one device of each member. */
  public static String group(TestServer server, Session admin, List<Session> members) {
    AtriumClient adminClient = server.client().as(admin);
    Conversation group = adminClient.conversations().createGroup("group " + id());
    List<String> accountIds = new ArrayList<>();
    List<String> deviceIds = new ArrayList<>();
    for (Session member : members) {
      Friends.make(server, admin, member);
      accountIds.add(member.account().id());
      deviceIds.add(member.device().id());
    }
    Outgoing commit =
        Outgoing.commit(group.id(), id(), 0, bytes("commit: add members"))
            .addingAccounts(accountIds);
    adminClient
        .conversations()
        .send(members.isEmpty() ? commit : commit.withWelcome(bytes("welcome"), deviceIds));
    return group.id();
  }

  /**
   * Waits until the writer saved a device's acknowledgement (cursors are flushed asynchronously).
   */
  public static void awaitCursor(
      TestServer server, String deviceId, String conversationId, long seq) {
    server.atrium().delivery().flushCursors();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      long acked =
          server
              .atrium()
              .database()
              .read(
                  handle ->
                      handle.queryLong(
                          "SELECT acked_seq FROM device_cursors WHERE device_id = ? AND conversation_id = ?",
                          deviceId,
                          conversationId));
      if (acked >= seq) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("cursor of " + deviceId + " never reached " + seq);
  }

  public static String id() {
    return UUID.randomUUID().toString();
  }

  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Opens a socket and waits for its catch-up to finish. */
  public static DeviceSocket connectReady(AtriumClient client) {
    DeviceSocket socket = client.openSocket();
    assertThat(socket.nextEvent(SocketEvent.Ready.class, WAIT)).as("ready").isNotNull();
    return socket;
  }

  /** Everything the socket says until it has been quiet for 0.7 s, or {@code WAIT} passed. */
  public static List<SocketEvent> drain(DeviceSocket socket) {
    List<SocketEvent> events = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      SocketEvent event = socket.nextEvent(Duration.ofMillis(700));
      if (event == null) {
        break;
      }
      events.add(event);
    }
    return events;
  }

  /**
   * Collects envelopes of a conversation from a socket until {@code count} distinct sequence
   * numbers arrived.
   */
  public static List<dev.atrium.sdk.MessagingModels.Envelope> receive(
      DeviceSocket socket, String conversationId, int count, Duration timeout) {
    List<dev.atrium.sdk.MessagingModels.Envelope> received = new ArrayList<>();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (seen.size() < count && System.nanoTime() < deadline) {
      SocketEvent event = socket.nextEvent(Duration.ofMillis(200));
      if (event instanceof SocketEvent.Envelopes envelopes
          && envelopes.conversationId().equals(conversationId)) {
        for (var envelope : envelopes.envelopes()) {
          if (seen.add(envelope.seq())) {
            received.add(envelope);
          }
        }
      }
    }
    return received;
  }
}
