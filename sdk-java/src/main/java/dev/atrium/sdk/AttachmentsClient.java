package dev.atrium.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Uploads and downloads of encrypted attachments, streamed: neither direction holds a whole blob in
 * memory unless asked for a {@code byte[]}. Encrypt before uploading; the server stores what it
 * gets. Obtained from {@link AtriumClient#attachments()}; immutable and thread-safe.
 *
 * <p>Uploads send {@code Expect: 100-continue}, so a refused upload (too large, over quota, bad
 * token) is refused before its body is sent.
 */
public final class AttachmentsClient {
  private static final String PATH = "/api/v1/attachments";
  private static final String BINARY = "application/octet-stream";

  /** A large blob over a slow link takes a while; this bounds the wait for the response headers. */
  private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);

  private static final int ERROR_BODY_BYTES_MAX = 64 * 1024;

  private final AtriumClient client;

  AttachmentsClient(AtriumClient client) {
    this.client = client;
  }

  public Attachment upload(byte[] encryptedBytes) {
    return upload(BodyPublishers.ofByteArray(encryptedBytes));
  }

  /**
   * Uploads a file's bytes, announcing their length, so an oversized file is refused before it is
   * sent.
   */
  public Attachment upload(Path encryptedFile) {
    try {
      return upload(BodyPublishers.ofFile(encryptedFile));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + encryptedFile, e);
    }
  }

  /** Uploads a stream of unknown length, sent chunked; the stream is read once and not closed. */
  public Attachment upload(InputStream encryptedBytes) {
    return upload(BodyPublishers.ofInputStream(() -> encryptedBytes));
  }

  /** Uploads exactly {@code sizeBytes} from the stream, announced as Content-Length. */
  public Attachment upload(InputStream encryptedBytes, long sizeBytes) {
    return upload(
        BodyPublishers.fromPublisher(
            BodyPublishers.ofInputStream(() -> encryptedBytes), sizeBytes));
  }

  public byte[] download(String id) {
    try (InputStream body = open(id, null).body()) {
      return body.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Download of an attachment failed", e);
    }
  }

  /** Downloads into {@code target}, replacing it; returns the number of bytes written. */
  public long download(String id, Path target) {
    try (InputStream body = open(id, null).body()) {
      return Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Download of an attachment to " + target + " failed", e);
    }
  }

  /** Bytes {@code firstByte} to {@code lastByte} (inclusive) of the blob. */
  public byte[] downloadRange(String id, long firstByte, long lastByte) {
    try (InputStream body = open(id, "bytes=" + firstByte + "-" + lastByte).body()) {
      return body.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Download of an attachment range failed", e);
    }
  }

  /**
   * Completes a download that broke off: fetches only the bytes after those already in {@code
   * partial} and appends them (or rewrites the file if the server sends everything). Returns the
   * number of bytes fetched.
   */
  public long resumeDownload(String id, Path partial) {
    try {
      long have = Files.exists(partial) ? Files.size(partial) : 0;
      HttpResponse<InputStream> response = exchange(id, "bytes=" + have + "-");
      if (response.statusCode() == 416 && isComplete(response, have)) {
        response.body().close();
        return 0;
      }
      throwIfRefused(response);
      boolean partialContent = response.statusCode() == 206;
      try (InputStream body = response.body();
          OutputStream out =
              Files.newOutputStream(
                  partial,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  partialContent
                      ? StandardOpenOption.APPEND
                      : StandardOpenOption.TRUNCATE_EXISTING)) {
        return body.transferTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Resuming the download to " + partial + " failed", e);
    }
  }

  /** Withdraws one of this account's uploads; others can no longer download it. */
  public void delete(String id) {
    RawResponse response = client.raw("DELETE", PATH + "/" + AtriumClient.encode(id), null, null);
    if (response.status() >= 400) {
      throw AtriumClient.toException(response);
    }
  }

  private Attachment upload(BodyPublisher body) {
    HttpRequest request =
        client
            .request(PATH, TRANSFER_TIMEOUT)
            .header("Content-Type", BINARY)
            .expectContinue(true)
            .POST(body)
            .build();
    HttpResponse<String> response = send(request, BodyHandlers.ofString());
    RawResponse raw = new RawResponse(response.statusCode(), response.headers(), response.body());
    if (raw.status() >= 400) {
      throw AtriumClient.toException(raw);
    }
    try {
      return AtriumClient.MAPPER.readValue(raw.body(), Attachment.class);
    } catch (IOException e) {
      throw new IllegalStateException("Unexpected response body: " + raw.body(), e);
    }
  }

  private HttpResponse<InputStream> open(String id, String range) throws IOException {
    HttpResponse<InputStream> response = exchange(id, range);
    throwIfRefused(response);
    return response;
  }

  private HttpResponse<InputStream> exchange(String id, String range) {
    HttpRequest.Builder request =
        client.request(PATH + "/" + AtriumClient.encode(id), TRANSFER_TIMEOUT).GET();
    if (range != null) {
      request.header("Range", range);
    }
    return send(request.build(), BodyHandlers.ofInputStream());
  }

  /** A 416 for the byte just past the end means the partial file is already complete. */
  private static boolean isComplete(HttpResponse<InputStream> response, long have) {
    return response
        .headers()
        .firstValue("Content-Range")
        .map(("bytes */" + have)::equals)
        .orElse(false);
  }

  private static void throwIfRefused(HttpResponse<InputStream> response) throws IOException {
    if (response.statusCode() >= 400) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(ERROR_BODY_BYTES_MAX), StandardCharsets.UTF_8);
      }
      throw AtriumClient.toException(
          new RawResponse(response.statusCode(), response.headers(), body));
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.http().send(request, handler);
    } catch (IOException e) {
      // The path is not quoted: for downloads it holds the attachment id, a secret worth keeping
      // out of logs.
      throw new UncheckedIOException(request.method() + " of an attachment failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted during " + request.method() + " of an attachment", e);
    }
  }
}
