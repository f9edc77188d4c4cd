package dev.atrium.media;

import dev.atrium.media.AttachmentApi.AttachmentResponse;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for attachments: raw uploads in, raw (optionally ranged) downloads out, JSON for the rest.
 */
final class AttachmentRoutes implements RouteModule {
  private static final String TAG = "media";
  private static final String PATH = "/api/v1/attachments";
  private static final String ID_PARAMETER = "attachmentId";
  private static final int DOWNLOAD_BUFFER_BYTES = 64 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentRoutes.class);

  private final AttachmentService service;
  private final AttachmentSettings settings;
  private final Clock clock;

  AttachmentRoutes(AttachmentService service, AttachmentSettings settings, Clock clock) {
    this.service = service;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void register(Api api) {
    long bytesMax = settings.attachmentBytesMax();
    api.upload(
        Operation.post(PATH, "uploadAttachment")
            .tag(TAG)
            .summary(
                "Store an encrypted blob (the raw bytes as the body) and get its id, the capability to fetch it.")
            .response(201, AttachmentResponse.class)
            .errors(400, 409, 413, 415, 422),
        bytesMax,
        () -> new AttachmentError.TooLarge(bytesMax),
        this::upload);
    api.authenticated(
        Operation.get(PATH + "/{" + ID_PARAMETER + "}", "downloadAttachment")
            .tag(TAG)
            .summary(
                "Fetch a blob by id; any authenticated account holding the id may. A single-range Range "
                    + "header (e.g. bytes=1000-) resumes a download with 206.")
            .binaryResponse(200)
            .alsoSucceeds(206, "The requested byte range (Range header), with Content-Range.")
            .alsoSucceeds(
                304, "Not modified: the If-None-Match header names the blob's ETag; no body.")
            .errors(404, 416),
        this::download);
    api.authenticated(
        Operation.delete(PATH + "/{" + ID_PARAMETER + "}", "deleteAttachment")
            .tag(TAG)
            .summary("Withdraw one of the caller's own uploads before it expires.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.delete(caller.accountId(), ctx.pathParam(ID_PARAMETER));
          ctx.status(204);
        });
  }

  private void upload(Context ctx, Caller caller) throws IOException {
    Attachment stored =
        service.store(
            caller.accountId(), Requests.declaredBodyBytes(ctx), Requests.uploadBody(ctx));
    ctx.header("Location", PATH + "/" + stored.id());
    ctx.status(201).json(AttachmentResponse.of(stored));
  }

  private void download(Context ctx, Caller caller) throws IOException {
    Attachment attachment = service.find(ctx.pathParam(ID_PARAMETER));
    String etag = "\"" + attachment.sha256Hex() + "\"";
    ctx.header("ETag", etag);
    ctx.header("Accept-Ranges", "bytes");
    // The bytes under an id never change, so a client may keep them until they expire; only the
    // client.
    long maxAgeSeconds = Math.max(0, (attachment.expiresAtMillis() - clock.millis()) / 1000);
    ctx.header("Cache-Control", "private, max-age=" + maxAgeSeconds + ", immutable");
    if (matchesAny(ctx.header("If-None-Match"), etag)) {
      ctx.status(304);
      return;
    }
    Optional<ByteRange> range = requestedRange(ctx, etag, attachment.sizeBytes());
    try (FileChannel content = service.open(attachment)) {
      long first = range.map(ByteRange::firstByte).orElse(0L);
      long length = range.map(ByteRange::lengthBytes).orElse(attachment.sizeBytes());
      range.ifPresent(r -> ctx.header("Content-Range", r.contentRange(attachment.sizeBytes())));
      ctx.status(range.isPresent() ? 206 : 200);
      ctx.contentType(Operation.BINARY);
      ctx.header("Content-Disposition", "attachment");
      write(ctx.res(), content, first, length);
    }
  }

  /**
   * If-None-Match holds "*" or a list of entity tags; ours is 64 hex digits in quotes, so a
   * substring test is exact.
   */
  private static boolean matchesAny(String ifNoneMatch, String etag) {
    return ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag));
  }

  /**
   * The Range to honour; none when If-Range names another version (blobs never change, but clients
   * may send it).
   */
  private static Optional<ByteRange> requestedRange(Context ctx, String etag, long sizeBytes) {
    String ifRange = ctx.header("If-Range");
    if (ifRange != null && !ifRange.equals(etag)) {
      return Optional.empty();
    }
    return ByteRange.parse(ctx.header("Range"), sizeBytes);
  }

  /**
   * Streams {@code length} bytes from {@code first} straight to the servlet response, past
   * Javalin's result handling, so nothing is buffered in memory and nothing tries to compress
   * ciphertext.
   */
  private static void write(
      HttpServletResponse response, FileChannel content, long first, long length)
      throws IOException {
    response.setContentLengthLong(length);
    ByteBuffer buffer = ByteBuffer.allocate(DOWNLOAD_BUFFER_BYTES);
    OutputStream out = response.getOutputStream();
    long position = first;
    long remaining = length;
    while (remaining > 0) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
      int n = content.read(buffer, position);
      if (n < 0) {
        throw new IOException("The blob file ended " + remaining + " bytes early");
      }
      try {
        out.write(buffer.array(), 0, n);
      } catch (IOException e) {
        // The client went away mid-download; nothing to answer, and it may resume with a Range.
        LOG.debug("event=attachment_download_aborted sentBytes={}", position - first);
        return;
      }
      position += n;
      remaining -= n;
    }
  }
}
