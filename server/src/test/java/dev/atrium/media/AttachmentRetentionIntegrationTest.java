package dev.atrium.media;

import static dev.atrium.media.AttachmentIntegrationTest.assertRefused;
import static dev.atrium.media.AttachmentIntegrationTest.filesUnder;
import static dev.atrium.media.AttachmentIntegrationTest.randomBytes;
import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Attachment;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attachments expire with the retention TTL: hidden at once, then swept (files and rows). */
class AttachmentRetentionIntegrationTest {
  @Test
  void sweep_removesExpiredFilesAndRows_andNothingElse() {
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    try (TestServer server =
        TestServer.builder().clock(clock).set("ATRIUM_RETENTION_TTL_DAYS", "3").start()) {
      AtriumClient alice = server.newUserClient("alice");
      Attachment old = alice.attachments().upload(randomBytes(1_000, 1));
      clock.advance(Duration.ofDays(2));
      Attachment recent = alice.attachments().upload(randomBytes(2_000, 2));
      clock.advance(Duration.ofDays(1).plusMillis(1));

      assertRefused(catchApi(() -> alice.attachments().download(old.id())), 404, "not_found");
      assertThat(exportedIds(alice)).contains(old.id());
      AttachmentService.SweepResult result =
          server.atrium().attachments().sweepExpired(clock.millis());

      assertThat(result.expiredAttachments()).isEqualTo(1);
      assertThat(blobNames(server)).doesNotContain(old.id()).contains(recent.id());
      assertThat(exportedIds(alice)).containsExactly(recent.id());
      assertThat(alice.export().sections().get("attachments").path("storedBytes").asLong())
          .isEqualTo(2_000);
      assertThat(alice.attachments().download(recent.id())).hasSize(2_000);
      assertThat(server.atrium().attachments().sweepExpired(clock.millis()).expiredAttachments())
          .isZero();
    }
  }

  @Test
  void sweep_removesTemporaryFilesOfAbandonedUploads_butNotRecentOnes() throws IOException {
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer server = TestServer.builder().clock(clock).start()) {
      Path temporary = server.dataDir().resolve("blobs").resolve("tmp");
      Path abandoned = Files.write(temporary.resolve("abandoned.part"), new byte[10]);
      Files.setLastModifiedTime(
          abandoned, FileTime.fromMillis(clock.millis() - Duration.ofHours(2).toMillis()));
      Path inProgress = Files.write(temporary.resolve("in-progress.part"), new byte[10]);
      Files.setLastModifiedTime(
          inProgress, FileTime.fromMillis(clock.millis() - Duration.ofMinutes(5).toMillis()));

      AttachmentService.SweepResult result =
          server.atrium().attachments().sweepExpired(clock.millis());

      assertThat(result.abandonedTemporaryFiles()).isEqualTo(1);
      assertThat(abandoned).doesNotExist();
      assertThat(inProgress).exists();
    }
  }

  @Test
  void sweeper_runsByItselfEverySweepInterval() throws InterruptedException {
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer server =
        TestServer.builder()
            .clock(clock)
            .set("ATRIUM_RETENTION_TTL_DAYS", "1")
            .set("ATRIUM_RETENTION_SWEEP_INTERVAL_SECONDS", "1")
            .start()) {
      AtriumClient alice = server.newUserClient("alice");
      Attachment attachment = alice.attachments().upload(randomBytes(500, 3));
      assertThat(blobNames(server)).contains(attachment.id());

      clock.advance(Duration.ofDays(1).plusMinutes(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (blobNames(server).contains(attachment.id()) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }

      assertThat(blobNames(server)).doesNotContain(attachment.id());
    }
  }

  private static List<String> exportedIds(AtriumClient client) {
    JsonNode section = client.export().sections().get("attachments");
    return section.path("attachments").findValuesAsText("id");
  }

  private static List<String> blobNames(TestServer server) {
    return filesUnder(server.dataDir().resolve("blobs")).stream()
        .map(path -> path.getFileName().toString())
        .toList();
  }
}
