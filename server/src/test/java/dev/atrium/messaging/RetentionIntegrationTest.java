package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RetentionIntegrationTest {

  @Test
  void sweep_deletesOnlyWhatEveryGroupDeviceAcknowledged() {
    try (TestServer server = TestServer.start()) {
      MessagingFixture.Pair pair = MessagingFixture.directPair(server);
      for (int i = 0; i < 4; i++) {
        pair.aliceClient(server)
            .conversations()
            .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("m")));
      }
      pair.aliceClient(server).conversations().acknowledge(pair.conversationId(), 5);
      pair.bobClient(server).conversations().acknowledge(pair.conversationId(), 3);
      MessagingFixture.awaitCursor(server, pair.alice().device().id(), pair.conversationId(), 5);
      MessagingFixture.awaitCursor(server, pair.bob().device().id(), pair.conversationId(), 3);

      server.atrium().messaging().sweepRetention();

      assertThat(pair.aliceClient(server).conversations().envelopes(pair.conversationId(), 0, 100))
          .extracting(e -> e.seq())
          .containsExactly(4L, 5L);
    }
  }

  @Test
  void revokedDevices_stopHoldingRetentionBack() {
    try (TestServer server = TestServer.start()) {
      MessagingFixture.Pair pair = MessagingFixture.directPair(server);
      pair.aliceClient(server)
          .conversations()
          .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("m")));
      pair.aliceClient(server).conversations().acknowledge(pair.conversationId(), 2);
      MessagingFixture.awaitCursor(server, pair.alice().device().id(), pair.conversationId(), 2);
      server.atrium().messaging().sweepRetention();
      assertThat(count(server, pair.conversationId()))
          .as("only the message Bob has not acknowledged")
          .isEqualTo(1);

      Session bobOther =
          server.client().login(pair.bob().account().username(), TestServer.PASSWORD, "other");
      server.client().as(bobOther).revokeDevice(pair.bob().device().id());
      server.atrium().messaging().sweepRetention();

      assertThat(count(server, pair.conversationId())).isZero();
    }
  }

  @Test
  void envelopesOlderThanTheTtl_areDeletedEvenIfUnacknowledged() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    try (TestServer server =
        TestServer.builder().clock(clock).set("ATRIUM_RETENTION_TTL_DAYS", "2").start()) {
      MessagingFixture.Pair pair = MessagingFixture.directPair(server);
      pair.aliceClient(server)
          .conversations()
          .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("old")));
      now.set(now.get().plus(Duration.ofDays(3)));
      pair.aliceClient(server)
          .conversations()
          .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("new")));

      server.atrium().messaging().sweepRetention();

      assertThat(pair.bobClient(server).conversations().envelopes(pair.conversationId(), 0, 100))
          .extracting(e -> e.seq())
          .containsExactly(3L);
    }
  }

  private static long count(TestServer server, String conversationId) {
    return server
        .atrium()
        .database()
        .read(
            handle ->
                handle.queryLong(
                    "SELECT COUNT(*) FROM envelopes WHERE conversation_id = ?", conversationId));
  }
}
