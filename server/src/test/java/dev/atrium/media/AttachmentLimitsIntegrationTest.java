package dev.atrium.media;

import static dev.atrium.media.AttachmentIntegrationTest.assertRefused;
import static dev.atrium.media.AttachmentIntegrationTest.filesUnder;
import static dev.atrium.media.AttachmentIntegrationTest.randomBytes;
import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Attachment;
import dev.atrium.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The upload cap and the per-account quota, on a server with small limits. */
class AttachmentLimitsIntegrationTest {
  private static final int CAP_BYTES = 64 * 1024;
  private static final int QUOTA_BYTES = 4 * CAP_BYTES;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_ATTACHMENT_BYTES_MAX", Integer.toString(CAP_BYTES))
            .set("ATRIUM_ATTACHMENT_STORED_BYTES_PER_ACCOUNT_MAX", Integer.toString(QUOTA_BYTES))
            // Far below the attachment cap: uploads must not be held to the cap of JSON bodies.
            .set("ATRIUM_REQUEST_BODY_BYTES_MAX", "4096")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void uploadOfExactlyTheCap_isStored_althoughFarOverTheJsonBodyCap() {
    AtriumClient client = server.newUserClient("exact");
    byte[] ciphertext = randomBytes(CAP_BYTES, 1);

    Attachment attachment = client.attachments().upload(ciphertext);

    assertThat(client.attachments().download(attachment.id())).isEqualTo(ciphertext);
  }

  @Test
  void uploadOverTheCap_withContentLength_is413_andLeavesNoFile() {
    AtriumClient client = server.newUserClient("over");
    List<Path> before = blobFiles();

    AtriumApiException refused =
        catchApi(() -> client.attachments().upload(randomBytes(CAP_BYTES + 1, 2)));

    assertRefused(refused, 413, "attachment_too_large");
    assertThat(blobFiles()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void declaredLengthOverTheCap_isRefusedBeforeTheBodyIsRead() {
    AtriumClient client = server.newUserClient("declared");
    AtomicBoolean bodyWasRead = new AtomicBoolean();
    InputStream body =
        new InputStream() {
          @Override
          public int read() {
            bodyWasRead.set(true);
            return 0;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            bodyWasRead.set(true);
            Arrays.fill(buffer, offset, offset + length, (byte) 0);
            return length;
          }
        };

    AtriumApiException refused =
        catchApi(() -> client.attachments().upload(body, 10L * 1024 * 1024 * 1024));

    assertRefused(refused, 413, "attachment_too_large");
    assertThat(bodyWasRead).isFalse();
  }

  @Test
  void chunkedUploadOverTheCap_is413_andLeavesNoFile() {
    AtriumClient client = server.newUserClient("chunked");
    List<Path> before = blobFiles();

    AtriumApiException refused =
        catchApi(
            () ->
                client
                    .attachments()
                    .upload(new ByteArrayInputStream(randomBytes(CAP_BYTES + 8 * 1024, 3))));

    assertRefused(refused, 413, "attachment_too_large");
    assertThat(blobFiles()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void quota_refusesUploadsPastTheAccountsStoredBytes_untilSomeAreDeleted() {
    AtriumClient client = server.newUserClient("quota");
    List<Attachment> stored = new ArrayList<>();
    for (int i = 0; i < QUOTA_BYTES / CAP_BYTES; i++) {
      stored.add(client.attachments().upload(randomBytes(CAP_BYTES, 10 + i)));
    }
    List<Path> before = blobFiles();

    AtriumApiException declared = catchApi(() -> client.attachments().upload(randomBytes(1, 20)));
    AtriumApiException chunked =
        catchApi(() -> client.attachments().upload(new ByteArrayInputStream(randomBytes(100, 21))));

    assertRefused(declared, 409, "attachment_quota_exceeded");
    assertRefused(chunked, 409, "attachment_quota_exceeded");
    assertThat(blobFiles()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(server.newUserClient("other").attachments().upload(randomBytes(CAP_BYTES, 22)))
        .isNotNull();
    client.attachments().delete(stored.getFirst().id());
    assertThat(client.attachments().upload(randomBytes(CAP_BYTES, 23)).sizeBytes())
        .isEqualTo(CAP_BYTES);
  }

  @Test
  void uploadCutOffMidBody_leavesNoFile() throws Exception {
    String token = server.newUser("cut").token();
    List<Path> before = blobFiles();
    Logger requestLog = (Logger) LoggerFactory.getLogger("atrium.request");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    requestLog.addAppender(appender);
    try {
      // The SDK always sends whole bodies; a raw socket can announce 50 KiB, send 10 and vanish.
      try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /api/v1/attachments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 51200\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(randomBytes(10 * 1024, 30));
        out.flush();
        Thread.sleep(200);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (appender.list.stream().noneMatch(AttachmentLimitsIntegrationTest::isUploadLine)
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }

      assertThat(appender.list).anyMatch(AttachmentLimitsIntegrationTest::isUploadLine);
      assertThat(
              appender.list.stream()
                  .filter(AttachmentLimitsIntegrationTest::isUploadLine)
                  .map(ILoggingEvent::getFormattedMessage))
          .allMatch(line -> line.contains("status=400"));
      assertThat(blobFiles()).containsExactlyInAnyOrderElementsOf(before);
    } finally {
      requestLog.detachAppender(appender);
    }
  }

  private static boolean isUploadLine(ILoggingEvent event) {
    return event.getFormattedMessage().startsWith("method=POST route=/api/v1/attachments ");
  }

  private static List<Path> blobFiles() {
    return filesUnder(server.dataDir().resolve("blobs"));
  }
}
