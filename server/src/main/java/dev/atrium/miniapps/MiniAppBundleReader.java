package dev.atrium.miniapps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads an uploaded zip and refuses anything that is not a plain bundle of web files. The central
 * directory is read (Commons Compress {@link ZipFile}), so symlinks and duplicates are seen as the
 * unpacking tools see them; sizes are counted as the bytes are inflated, never taken from the
 * declared sizes, which a zip bomb lies about. Pure apart from reading the file; not a parser of
 * the manifest ({@link MiniAppManifest}).
 */
final class MiniAppBundleReader {
  static final int ENTRIES_MAX = 1_000;
  static final long UNCOMPRESSED_BYTES_MAX = 16L * 1024 * 1024;
  static final long COMPRESSION_RATIO_MAX = 100;

  /** Below this many inflated bytes an entry's ratio is not judged: tiny files compress oddly. */
  static final long RATIO_CHECKED_FROM_BYTES = 64 * 1024;

  static final String INDEX = "index.html";
  static final String MANIFEST = "manifest.json";
  private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");
  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html;charset=utf-8"),
          Map.entry("htm", "text/html;charset=utf-8"),
          Map.entry("js", "text/javascript;charset=utf-8"),
          Map.entry("mjs", "text/javascript;charset=utf-8"),
          Map.entry("css", "text/css;charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain;charset=utf-8"),
          Map.entry("map", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"));

  private MiniAppBundleReader() {}

  /** A file of the bundle with its bytes and served content type. */
  record Entry(String path, String contentType, byte[] bytes) {}

  /** Reads every file of the zip at {@code zip}, or throws {@link MiniAppBundleError.Refused}. */
  static List<Entry> read(Path zip) {
    try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
      List<ZipArchiveEntry> entries = listed(file);
      checkNames(entries);
      List<Entry> read = new ArrayList<>();
      long total = 0;
      for (ZipArchiveEntry entry : entries) {
        if (entry.isDirectory()) {
          continue;
        }
        byte[] bytes = inflate(file, entry, UNCOMPRESSED_BYTES_MAX - total);
        total += bytes.length;
        read.add(new Entry(entry.getName(), contentType(entry.getName()), bytes));
      }
      Set<String> paths = new HashSet<>();
      read.forEach(entry -> paths.add(entry.path()));
      if (!paths.contains(INDEX) || !paths.contains(MANIFEST)) {
        throw new MiniAppBundleError.Refused(
            "miniapp_bundle_incomplete",
            "A bundle holds index.html and manifest.json at its root.");
      }
      return read;
    } catch (IOException | IllegalArgumentException e) {
      // Commons Compress reports a damaged or truncated archive either way.
      throw new MiniAppBundleError.Refused("miniapp_bundle_not_zip", "The body is not a zip file.");
    }
  }

  /** The content type a file is served with, or null when its type is not allowed. */
  static String contentType(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    return CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static List<ZipArchiveEntry> listed(ZipFile file) {
    List<ZipArchiveEntry> entries = new ArrayList<>();
    for (ZipArchiveEntry entry : Collections.list(file.getEntries())) {
      if (entries.size() == ENTRIES_MAX) {
        throw new MiniAppBundleError.Refused(
            "miniapp_bundle_too_many_entries",
            "A bundle holds at most " + ENTRIES_MAX + " entries.");
      }
      entries.add(entry);
    }
    return entries;
  }

  /**
   * Refuses unsafe names, links and special files, duplicates (also a directory named like a file)
   * and types outside the allow-list, before a byte is inflated.
   */
  private static void checkNames(List<ZipArchiveEntry> entries) {
    Set<String> files = new HashSet<>();
    Set<String> directories = new HashSet<>();
    for (ZipArchiveEntry entry : entries) {
      String name = entry.getName();
      if (!isSafePath(name) || hasBackslashOrNul(entry.getRawName())) {
        throw new MiniAppBundleError.Refused(
            "miniapp_bundle_unsafe_path",
            "Entry names are relative paths without '..', '\\', drive letters or control"
                + " characters.",
            printable(name));
      }
      if (entry.isUnixSymlink() || isSpecialFile(entry)) {
        throw new MiniAppBundleError.Refused(
            "miniapp_bundle_link", "A bundle holds no symbolic links or special files.", name);
      }
      if (entry.isDirectory()) {
        directories.add(name.substring(0, name.length() - 1));
        continue;
      }
      if (contentType(name) == null) {
        throw new MiniAppBundleError.Refused(
            "miniapp_bundle_file_type",
            "Only web files are allowed: " + String.join(", ", CONTENT_TYPES.keySet()) + ".",
            name);
      }
      if (!files.add(name)) {
        throw new MiniAppBundleError.Refused(
            "miniapp_bundle_duplicate_entry", "Each path appears once in a bundle.", name);
      }
      for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
        directories.add(name.substring(0, slash));
      }
    }
    for (String directory : directories) {
      if (files.contains(directory)) {
        throw new MiniAppBundleError.Refused(
            "miniapp_bundle_duplicate_entry", "A path is both a file and a directory.", directory);
      }
    }
  }

  static boolean isSafePath(String name) {
    if (name.isEmpty()
        || name.length() > 255
        || name.startsWith("/")
        || name.contains("\\")
        || DRIVE_LETTER.matcher(name).matches()
        || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return false;
    }
    String files = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : files.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Commons Compress turns backslashes into slashes in names written on Windows; the raw name shows
   * what was sent, and a bundle that needs that rewriting is refused rather than reinterpreted.
   */
  private static boolean hasBackslashOrNul(byte[] rawName) {
    if (rawName == null) {
      return false;
    }
    for (byte b : rawName) {
      if (b == '\\' || b == 0) {
        return true;
      }
    }
    return false;
  }

  /** A Unix file type other than a regular file or a directory (a FIFO, a device). */
  private static boolean isSpecialFile(ZipArchiveEntry entry) {
    if (entry.getPlatform() != ZipArchiveEntry.PLATFORM_UNIX) {
      return false;
    }
    int type = entry.getUnixMode() & 0170000;
    return type != 0 && type != 0100000 && type != 0040000;
  }

  /**
   * Inflates one entry, counting real bytes: past {@code bytesLeft} of the bundle's total, or past
   * {@link #COMPRESSION_RATIO_MAX} times its compressed size, it stops at once.
   */
  private static byte[] inflate(ZipFile file, ZipArchiveEntry entry, long bytesLeft)
      throws IOException {
    long compressed = Math.max(1, entry.getCompressedSize());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[16_384];
    long count = 0;
    try (InputStream in = file.getInputStream(entry)) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        count += read;
        if (count > bytesLeft) {
          throw new MiniAppBundleError.Refused(
              "miniapp_bundle_too_large_uncompressed",
              "A bundle unpacks to at most " + UNCOMPRESSED_BYTES_MAX + " bytes.",
              entry.getName());
        }
        if (count > RATIO_CHECKED_FROM_BYTES && count > compressed * COMPRESSION_RATIO_MAX) {
          throw new MiniAppBundleError.Refused(
              "miniapp_bundle_compression_ratio",
              "An entry may inflate to at most " + COMPRESSION_RATIO_MAX + " times its size.",
              entry.getName());
        }
        out.write(buffer, 0, read);
      }
    }
    return out.toByteArray();
  }

  private static String printable(String name) {
    StringBuilder text = new StringBuilder();
    name.codePoints()
        .limit(255)
        .forEach(c -> text.append(c < 0x20 || c == 0x7f ? "?" : Character.toString(c)));
    return text.toString();
  }
}
