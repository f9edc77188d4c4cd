package dev.atrium.miniapps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The files of every bundle on disk, content-addressed: {@code <root>/<first two hex>/<sha256>}.
 * Equal files of many versions (and apps) are stored once; a file becomes visible only by an atomic
 * rename of a complete one, so a reader never sees half a file. Files are never deleted here: a
 * version, once stored, stays servable for a rollback. Thread-safe.
 */
final class MiniAppBundleFiles {
  private static final String TEMPORARY_DIRECTORY = "tmp";
  private final Path root;
  private final Path temporary;

  MiniAppBundleFiles(Path root) {
    this.root = root;
    this.temporary = root.resolve(TEMPORARY_DIRECTORY);
    try {
      Files.createDirectories(temporary);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the bundle directory " + temporary, e);
    }
  }

  /** A new temporary file for an upload in progress; the caller deletes it. */
  Path newTemporaryFile() throws IOException {
    return Files.createFile(temporary.resolve(UUID.randomUUID() + ".zip"));
  }

  /** Stores {@code bytes} under their SHA-256 (hex), which it returns; idempotent. */
  String store(byte[] bytes) throws IOException {
    String sha256 = sha256Hex(bytes);
    Path target = pathOf(sha256);
    if (Files.exists(target)) {
      return sha256;
    }
    Files.createDirectories(target.getParent());
    Path part = temporary.resolve(UUID.randomUUID() + ".part");
    try {
      Files.write(part, bytes);
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // Another upload stored the same bytes first: the same content, nothing to do.
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(part);
    }
    return sha256;
  }

  /** The stored file's bytes as a stream; the caller closes it. */
  InputStream open(String sha256Hex) throws IOException {
    return Files.newInputStream(pathOf(sha256Hex));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private Path pathOf(String sha256Hex) {
    if (!sha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("Not a SHA-256 in hex");
    }
    return root.resolve(sha256Hex.substring(0, 2)).resolve(sha256Hex);
  }
}
