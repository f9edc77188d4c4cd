package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Outgoing;
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
import org.junit.jupiter.api.Test;

/** Two nodes on one database: ordering and "one commit per epoch" hold across them. */
class MultiNodeIntegrationTest {

  @Test
  void concurrentCommitsThroughTwoNodes_exactlyOneWinsPerEpoch() throws Exception {
    try (TestServer first = TestServer.start();
        TestServer second = TestServer.builder().sharingDatabaseOf(first).start();
        ExecutorService pool = Executors.newFixedThreadPool(8)) {
      Session admin = first.newUser("nodeadmin");
      List<Session> members = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        members.add(first.newUser("nodemember"));
      }
      String group = MessagingFixture.group(first, admin, members);
      members.add(admin);

      for (long epoch = 1; epoch <= 3; epoch++) {
        long currentEpoch = epoch;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
          AtriumClient client = (i % 2 == 0 ? first : second).client().as(members.get(i));
          outcomes.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      client
                          .conversations()
                          .send(Outgoing.commit(group, id(), currentEpoch, bytes("commit")));
                      return 201;
                    } catch (AtriumApiException e) {
                      return e.status();
                    }
                  }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> outcome : outcomes) {
          statuses.add(outcome.get(60, TimeUnit.SECONDS));
        }
        assertThat(Collections.frequency(statuses, 201))
            .as("winners at epoch " + epoch)
            .isEqualTo(1);
        assertThat(Collections.frequency(statuses, 409)).isEqualTo(members.size() - 1);
      }
      assertThat(second.client().as(admin).conversations().get(group).conversation().epoch())
          .isEqualTo(4);
    }
  }

  @Test
  void sendersOnTwoNodes_shareOneGaplessSequence() throws Exception {
    try (TestServer first = TestServer.start();
        TestServer second = TestServer.builder().sharingDatabaseOf(first).start();
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      MessagingFixture.Pair pair = MessagingFixture.directPair(first);
      List<Future<?>> sends = new ArrayList<>();
      sends.add(
          pool.submit(() -> sendMany(first.client().as(pair.alice()), pair.conversationId(), 30)));
      sends.add(
          pool.submit(() -> sendMany(second.client().as(pair.bob()), pair.conversationId(), 30)));
      for (Future<?> send : sends) {
        send.get(60, TimeUnit.SECONDS);
      }

      List<Envelope> all =
          second.client().as(pair.alice()).conversations().envelopes(pair.conversationId(), 1, 100);
      assertThat(all).hasSize(60);
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).seq()).isEqualTo(i + 2L);
      }
    }
  }

  private static void sendMany(AtriumClient client, String conversationId, int count) {
    for (int i = 0; i < count; i++) {
      client.conversations().send(Outgoing.application(conversationId, id(), 1, bytes("m" + i)));
    }
  }
}
