package dev.atrium.media;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Attachment;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Attachments with the default limits: upload, download by capability, ranges, withdrawal, export,
 * erasure.
 */
class AttachmentIntegrationTest {
  private static final String UPLOAD_PATH = "/api/v1/attachments";
  private static TestServer server;
  private static AtriumClient alice;
  private static AtriumClient bob;

  @TempDir Path directory;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    alice = server.newUserClient("alice");
    bob = server.newUserClient("bob");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void upload_answersWithIdSizeSha256AndExpiry_andDownloadReturnsTheSameBytes() {
    byte[] ciphertext = randomBytes(10_000, 1);

    Attachment attachment = alice.attachments().upload(ciphertext);

    assertThat(attachment.id()).matches("att_[A-Za-z0-9_-]{43}");
    assertThat(attachment.sizeBytes()).isEqualTo(10_000);
    assertThat(attachment.sha256()).isEqualTo(sha256Hex(ciphertext));
    assertThat(attachment.expiresAt()).isEqualTo(attachment.createdAt().plus(Duration.ofDays(30)));
    assertThat(attachment.createdAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(alice.attachments().download(attachment.id())).isEqualTo(ciphertext);
  }

  @Test
  void multiMebibyteUpload_streamedWithoutContentLength_roundTripsThroughFiles()
      throws IOException {
    byte[] ciphertext = randomBytes(5 * 1024 * 1024 + 123, 2);
    Path downloaded = directory.resolve("downloaded.bin");

    Attachment attachment = alice.attachments().upload(new ByteArrayInputStream(ciphertext));
    long written = bob.attachments().download(attachment.id(), downloaded);

    assertThat(attachment.sizeBytes()).isEqualTo(ciphertext.length);
    assertThat(attachment.sha256()).isEqualTo(sha256Hex(ciphertext));
    assertThat(written).isEqualTo(ciphertext.length);
    assertThat(Files.readAllBytes(downloaded)).isEqualTo(ciphertext);
  }

  @Test
  void uploadFromFile_isStoredUnderTheDataDirectory() throws IOException {
    byte[] ciphertext = randomBytes(70_000, 3);
    Path file = Files.write(directory.resolve("voice-note.enc"), ciphertext);

    Attachment attachment = alice.attachments().upload(file);

    Path blob =
        server
            .dataDir()
            .resolve("blobs")
            .resolve(attachment.id().substring(4, 6))
            .resolve(attachment.id());
    assertThat(blob).exists();
    assertThat(Files.readAllBytes(blob)).isEqualTo(ciphertext);
    assertThat(temporaryFiles()).isEmpty();
  }

  @Test
  void anotherAuthenticatedAccount_holdingTheId_canDownload() {
    byte[] ciphertext = randomBytes(2_000, 4);
    Attachment attachment = alice.attachments().upload(ciphertext);

    assertThat(bob.attachments().download(attachment.id())).isEqualTo(ciphertext);
  }

  @Test
  void withoutToken_uploadAndDownloadAre401() {
    Attachment attachment = alice.attachments().upload(randomBytes(100, 5));
    AtriumClient anonymous = server.client();

    assertRefused(
        catchApi(() -> anonymous.attachments().download(attachment.id())), 401, "unauthenticated");
    assertRefused(
        catchApi(() -> anonymous.attachments().upload(randomBytes(100, 6))),
        401,
        "unauthenticated");
    assertRefused(
        catchApi(
            () -> server.client().withToken("atr_revoked").attachments().download(attachment.id())),
        401,
        "unauthenticated");
  }

  @Test
  void unknownId_is404() {
    String unknown = "att_" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

    assertRefused(catchApi(() -> bob.attachments().download(unknown)), 404, "not_found");
    assertRefused(catchApi(() -> alice.attachments().delete(unknown)), 404, "not_found");
  }

  @Test
  void malformedIds_are404_neverAServerError() {
    Attachment attachment = alice.attachments().upload(randomBytes(100, 7));
    List<String> malformed =
        List.of(
            "../../etc/passwd",
            "..%2F..%2Fatrium.db",
            "../" + attachment.id(),
            attachment.id() + "x",
            attachment.id().substring(0, 46),
            attachment.id().replace('_', '.'),
            "att_" + "a".repeat(5_000),
            "tmp",
            "%00");

    for (String id : malformed) {
      String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
      RawResponse download = alice.raw("GET", UPLOAD_PATH + "/" + encoded, null, null);
      RawResponse delete = alice.raw("DELETE", UPLOAD_PATH + "/" + encoded, null, null);

      assertThat(download.status()).as(id).isEqualTo(404);
      assertThat(download.errorCode()).as(id).isEqualTo("not_found");
      assertThat(delete.status()).as(id).isEqualTo(404);
    }
    assertThat(alice.attachments().download(attachment.id())).hasSize(100);
  }

  @Test
  void wrongContentType_is415_andMissingOneToo() {
    byte[] body = randomBytes(100, 8);

    RawResponse json = alice.raw("POST", UPLOAD_PATH, "application/json", body);
    RawResponse none = alice.raw("POST", UPLOAD_PATH, null, body);

    assertThat(json.status()).isEqualTo(415);
    assertThat(json.errorCode()).isEqualTo("unsupported_media_type");
    assertThat(json.json().at("/error/message").asText()).contains("application/octet-stream");
    assertThat(none.status()).isEqualTo(415);
  }

  @Test
  void emptyUpload_isRefused() {
    assertRefused(catchApi(() -> alice.attachments().upload(new byte[0])), 422, "attachment_empty");
  }

  @Test
  void download_isBinaryWithLengthEtagAndPrivateCaching() {
    byte[] ciphertext = randomBytes(4_096, 9);
    Attachment attachment = alice.attachments().upload(ciphertext);

    RawResponse response = bob.raw("GET", UPLOAD_PATH + "/" + attachment.id(), null, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(response.header("Content-Length")).isEqualTo("4096");
    assertThat(response.header("ETag")).isEqualTo("\"" + attachment.sha256() + "\"");
    assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(response.header("Cache-Control"))
        .startsWith("private, max-age=")
        .doesNotContain("no-store");
    RawResponse unchanged =
        bob.raw(
            "GET",
            UPLOAD_PATH + "/" + attachment.id(),
            null,
            null,
            Map.of("If-None-Match", response.header("ETag")));
    assertThat(unchanged.status()).isEqualTo(304);
  }

  @Test
  void range_returnsThatSlice_andResumeCompletesAPartialDownload() throws IOException {
    byte[] ciphertext = randomBytes(3 * 1024 * 1024, 10);
    Attachment attachment = alice.attachments().upload(ciphertext);
    Path partial =
        Files.write(directory.resolve("partial.bin"), Arrays.copyOf(ciphertext, 1_000_000));

    byte[] slice = bob.attachments().downloadRange(attachment.id(), 100, 199);
    long fetched = bob.attachments().resumeDownload(attachment.id(), partial);
    long fetchedWhenComplete = bob.attachments().resumeDownload(attachment.id(), partial);

    assertThat(slice).isEqualTo(Arrays.copyOfRange(ciphertext, 100, 200));
    assertThat(fetched).isEqualTo(ciphertext.length - 1_000_000);
    assertThat(Files.readAllBytes(partial)).isEqualTo(ciphertext);
    assertThat(fetchedWhenComplete).isZero();
    RawResponse suffix =
        bob.raw(
            "GET", UPLOAD_PATH + "/" + attachment.id(), null, null, Map.of("Range", "bytes=-10"));
    assertThat(suffix.status()).isEqualTo(206);
    assertThat(suffix.header("Content-Range"))
        .isEqualTo(
            "bytes "
                + (ciphertext.length - 10)
                + "-"
                + (ciphertext.length - 1)
                + "/"
                + ciphertext.length);
    assertThat(suffix.header("Content-Length")).isEqualTo("10");
  }

  @Test
  void rangeStartingPastTheEnd_is416WithTheSize() {
    Attachment attachment = alice.attachments().upload(randomBytes(500, 11));

    AtriumApiException refused =
        catchApi(() -> bob.attachments().downloadRange(attachment.id(), 500, 600));
    RawResponse raw =
        bob.raw(
            "GET", UPLOAD_PATH + "/" + attachment.id(), null, null, Map.of("Range", "bytes=900-"));

    assertRefused(refused, 416, "range_not_satisfiable");
    assertThat(raw.header("Content-Range")).isEqualTo("bytes */500");
  }

  @Test
  void delete_byUploader_makesItUnavailableToEveryone_andRemovesTheFile() {
    Attachment attachment = alice.attachments().upload(randomBytes(300, 12));

    alice.attachments().delete(attachment.id());

    assertRefused(catchApi(() -> bob.attachments().download(attachment.id())), 404, "not_found");
    assertRefused(catchApi(() -> alice.attachments().download(attachment.id())), 404, "not_found");
    assertRefused(catchApi(() -> alice.attachments().delete(attachment.id())), 404, "not_found");
    assertThat(blobFiles())
        .noneMatch(path -> path.getFileName().toString().equals(attachment.id()));
  }

  @Test
  void delete_bySomeoneElse_is404_andTheBlobStays() {
    byte[] ciphertext = randomBytes(300, 13);
    Attachment attachment = alice.attachments().upload(ciphertext);

    assertRefused(catchApi(() -> bob.attachments().delete(attachment.id())), 404, "not_found");
    assertThat(bob.attachments().download(attachment.id())).isEqualTo(ciphertext);
  }

  @Test
  void blobContents_appearInNoLogLine() {
    String marker = "ZEBRA-QUOKKA-7f3a9c-NEVER-LOG-ME";
    byte[] ciphertext = (marker + " " + marker).getBytes(StandardCharsets.US_ASCII);
    List<String> forms =
        List.of(
            marker,
            HexFormat.of().formatHex(marker.getBytes(StandardCharsets.US_ASCII)),
            Base64.getEncoder().encodeToString(ciphertext).substring(0, 24));
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    try {
      Attachment attachment = alice.attachments().upload(ciphertext);
      bob.attachments().download(attachment.id());
      bob.attachments().downloadRange(attachment.id(), 0, 9);
      alice.raw("POST", UPLOAD_PATH, "text/plain", ciphertext);
      alice.attachments().delete(attachment.id());

      List<String> lines = new ArrayList<>();
      for (ILoggingEvent event : appender.list) {
        lines.add(event.getFormattedMessage());
        for (IThrowableProxy cause = event.getThrowableProxy();
            cause != null;
            cause = cause.getCause()) {
          lines.add(cause.getMessage());
        }
      }
      assertThat(lines).isNotEmpty();
      for (String form : forms) {
        assertThat(lines).noneMatch(line -> line != null && line.contains(form));
      }
      assertThat(lines).noneMatch(line -> line != null && line.contains(attachment.id()));
    } finally {
      root.detachAppender(appender);
    }
  }

  @Test
  void export_listsTheAccountsUploadsWithoutContents() {
    AtriumClient carol = server.newUserClient("carol");
    byte[] first = "first-secret-bytes".getBytes(StandardCharsets.US_ASCII);
    Attachment one = carol.attachments().upload(first);
    Attachment two = carol.attachments().upload(randomBytes(2_048, 14));
    bob.attachments().upload(randomBytes(10, 15));

    JsonNode section = carol.export().sections().get("attachments");

    assertThat(section.path("storedBytes").asLong()).isEqualTo(first.length + 2_048);
    assertThat(section.path("truncated").asBoolean()).isFalse();
    JsonNode listed = section.path("attachments");
    assertThat(listed).hasSize(2);
    assertThat(listed.findValuesAsText("id")).containsExactlyInAnyOrder(one.id(), two.id());
    JsonNode firstListed =
        listed.get(0).path("id").asText().equals(one.id()) ? listed.get(0) : listed.get(1);
    assertThat(firstListed.path("sizeBytes").asLong()).isEqualTo(first.length);
    assertThat(Instant.parse(firstListed.path("createdAt").asText())).isEqualTo(one.createdAt());
    assertThat(Instant.parse(firstListed.path("expiresAt").asText())).isEqualTo(one.expiresAt());
    assertThat(section.toString())
        .doesNotContain("first-secret-bytes")
        .doesNotContain(Base64.getEncoder().encodeToString(first));
  }

  @Test
  void accountDeletion_removesTheAccountsBlobsAndRows_butNotOthers() {
    Session dave = server.newUser("dave");
    AtriumClient daveClient = server.client().as(dave);
    Attachment daves = daveClient.attachments().upload(randomBytes(1_000, 16));
    Attachment alices = alice.attachments().upload(randomBytes(1_000, 17));

    daveClient.deleteAccount(PASSWORD);

    assertRefused(catchApi(() -> bob.attachments().download(daves.id())), 404, "not_found");
    assertThat(blobFiles()).noneMatch(path -> path.getFileName().toString().equals(daves.id()));
    assertThat(bob.attachments().download(alices.id())).hasSize(1_000);
  }

  @Test
  void openApi_describesTheUploadAsRawBinary() {
    JsonNode document = server.client().openApi();

    JsonNode upload = document.at("/paths/~1api~1v1~1attachments/post");
    assertThat(upload.at("/requestBody/content/application~1octet-stream/schema/format").asText())
        .isEqualTo("binary");
    assertThat(upload.at("/requestBody/content").has("application/json")).isFalse();
    assertThat(upload.at("/responses/201/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/AttachmentResponse");
    assertThat(upload.at("/responses").has("413")).isTrue();
    assertThat(upload.at("/responses").has("415")).isTrue();
    JsonNode download = document.at("/paths/~1api~1v1~1attachments~1{attachmentId}/get");
    assertThat(
            download.at("/responses/200/content/application~1octet-stream/schema/format").asText())
        .isEqualTo("binary");
  }

  static void assertRefused(AtriumApiException refusal, int status, String code) {
    assertThat(refusal.status()).as(refusal.getMessage()).isEqualTo(status);
    assertThat(refusal.code()).isEqualTo(code);
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> blobFiles() {
    return filesUnder(server.dataDir().resolve("blobs"));
  }

  private static List<Path> temporaryFiles() {
    return filesUnder(server.dataDir().resolve("blobs").resolve("tmp"));
  }

  static List<Path> filesUnder(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
