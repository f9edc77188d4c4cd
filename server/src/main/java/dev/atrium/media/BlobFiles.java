package dev.atrium.media;

import dev.atrium.platform.limits.Invariants;
import dev.atrium.platform.security.SecretTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blobs on disk: each at {@code <root>/<shard>/<id>}, uploads in progress in {@code
 * <root>/tmp}. A blob becomes visible under its id only by an atomic rename of a complete, fsynced
 * file, so no reader ever sees half a blob. File contents are never logged. Thread-safe.
 */
final class BlobFiles {
  static final String TEMPORARY_DIRECTORY = "tmp";
  private static final String TEMPORARY_SUFFIX = ".part";
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path root;
  private final Path temporary;

  /**
   * Temporary files being written by this process, which the sweeper must leave alone however old.
   */
  private final Set<Path> receiving = ConcurrentHashMap.newKeySet();

  BlobFiles(Path root) {
    this.root = root;
    this.temporary = root.resolve(TEMPORARY_DIRECTORY);
    try {
      Files.createDirectories(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the blob directory " + temporary, e);
    }
  }

  /** A complete upload in a temporary file, on disk but not yet visible under an id. */
  record Received(Path path, long sizeBytes, String sha256Hex) {}

  /**
   * Streams {@code body} into a new temporary file, hashing it on the way, and forces it to disk.
   * Whatever goes wrong (the client vanishes, the body passes its cap, the disk fills), the
   * temporary file is removed before the failure propagates.
   */
  Received receive(InputStream body) throws IOException {
    Path file = temporary.resolve(SecretTokens.randomUrlSafe(16) + TEMPORARY_SUFFIX);
    receiving.add(file);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      MessageDigest sha256 = sha256();
      byte[] buffer = new byte[BUFFER_BYTES];
      long size = 0;
      for (int n = readFromClient(body, buffer); n >= 0; n = readFromClient(body, buffer)) {
        sha256.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          channel.write(chunk);
        }
        size += n;
      }
      channel.force(true);
      return new Received(file, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (IOException | RuntimeException | Error e) {
      discard(file);
      throw e;
    }
  }

  /**
   * Renames a received file to its place under {@code id} and makes the rename durable. The rename
   * is atomic: the blob appears complete or not at all.
   */
  void publish(Received received, String id) throws IOException {
    Path target = pathOf(id);
    Path shard = target.getParent();
    boolean newShard = !Files.isDirectory(shard);
    Files.createDirectories(shard);
    if (newShard) {
      forceDirectory(root);
    }
    Files.move(received.path(), target, StandardCopyOption.ATOMIC_MOVE);
    receiving.remove(received.path());
    try {
      forceDirectory(shard);
    } catch (IOException e) {
      // The caller takes the row back, so the file must not stay behind without one.
      Files.deleteIfExists(target);
      throw e;
    }
  }

  /** Removes a received file that will not be published; never fails. */
  void discard(Received received) {
    discard(received.path());
  }

  /** The blob's content for reading, or empty when its file is gone. */
  Optional<FileChannel> open(String id) throws IOException {
    try {
      return Optional.of(FileChannel.open(pathOf(id), StandardOpenOption.READ));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes the blob's file; true when there was one. Readers that opened it already can finish.
   */
  boolean delete(String id) throws IOException {
    return Files.deleteIfExists(pathOf(id));
  }

  boolean exists(String id) {
    return Files.exists(pathOf(id));
  }

  /**
   * Deletes temporary files last modified before {@code modifiedBeforeMillis} that no upload of
   * this process is writing: leftovers of uploads cut off by a crash. Looks at most at {@code
   * filesMax} files; returns how many it deleted.
   */
  int deleteAbandonedTemporaryFiles(long modifiedBeforeMillis, int filesMax) throws IOException {
    int looked = 0;
    int deleted = 0;
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(temporary, "*" + TEMPORARY_SUFFIX)) {
      for (Path file : files) {
        if (++looked > filesMax) {
          break;
        }
        if (!receiving.contains(file)
            && lastModifiedMillis(file) < modifiedBeforeMillis
            && Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  private Path pathOf(String id) {
    // Every caller checked the id already; this is the last line of defence against path traversal.
    Invariants.check(
        AttachmentIds.isWellFormed(id), "blob ids are checked before they reach the filesystem");
    return root.resolve(AttachmentIds.shard(id)).resolve(id);
  }

  /**
   * Reads from the request body; a failure there is the client's (gone, or a broken chunked body),
   * not the disk's.
   */
  private static int readFromClient(InputStream body, byte[] buffer) {
    try {
      return body.read(buffer);
    } catch (IOException e) {
      throw new AttachmentError.UploadIncomplete();
    }
  }

  private void discard(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The sweeper removes abandoned temporary files later.
    } finally {
      receiving.remove(file);
    }
  }

  private static long lastModifiedMillis(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Makes a rename or a new entry in {@code directory} durable (on Linux: fsync of the directory).
   */
  private static void forceDirectory(Path directory) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(directory, StandardOpenOption.READ);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; their renames are durable by other means.
      return;
    }
    try (channel) {
      channel.force(true);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
