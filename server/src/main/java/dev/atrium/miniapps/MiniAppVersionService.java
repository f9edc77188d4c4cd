package dev.atrium.miniapps;

import dev.atrium.platform.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Versions of mini-programs: a provider uploads a bundle into review, the operator approves or
 * rejects it, the provider releases an approved one (which is also how a rollback is done), and the
 * app's origin serves the files of the live version. Thread-safe: state is in the database and in
 * content-addressed files that never change.
 */
public final class MiniAppVersionService {
  public static final int VERSION_ROWS_MAX = 100;

  /** How many versions an app may keep; bounds the disk one provider can fill. */
  public static final int VERSIONS_PER_APP_MAX = 200;

  static final int FILE_ROWS_MAX = MiniAppBundleReader.ENTRIES_MAX;

  private final Database database;
  private final MiniAppService apps;
  private final MiniAppBundleFiles files;
  private final MiniAppBundleSettings settings;
  private final MiniAppVersionStore store = new MiniAppVersionStore();
  private final Clock clock;

  public MiniAppVersionService(
      Database database,
      MiniAppService apps,
      Path filesDirectory,
      MiniAppBundleSettings settings,
      Clock clock) {
    this.database = database;
    this.apps = apps;
    this.files = new MiniAppBundleFiles(filesDirectory);
    this.settings = settings;
    this.clock = clock;
  }

  MiniAppBundleSettings settings() {
    return settings;
  }

  /**
   * Reads the zip from {@code body} (capped by the route) into a temporary file, checks it and its
   * manifest against the owner's app, stores its files and the version, in review.
   */
  MiniAppVersion upload(String ownerAccountId, String appId, InputStream body) throws IOException {
    MiniApp app = apps.owned(ownerAccountId, appId);
    Path zip = files.newTemporaryFile();
    try {
      long bundleBytes = Files.copy(body, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<MiniAppBundleReader.Entry> entries = MiniAppBundleReader.read(zip);
      MiniAppManifest manifest = MiniAppManifest.parse(manifestOf(entries), app);
      checkCanUpload(app.appId(), manifest.code());
      List<MiniAppVersion.File> stored = new ArrayList<>();
      for (MiniAppBundleReader.Entry entry : entries) {
        stored.add(
            new MiniAppVersion.File(
                entry.path(),
                entry.bytes().length,
                files.store(entry.bytes()),
                entry.contentType()));
      }
      MiniAppVersion version =
          new MiniAppVersion(
              app.appId(),
              manifest.code(),
              manifest.versionName(),
              MiniAppVersion.Status.IN_REVIEW,
              null,
              manifest.colorScheme(),
              manifest.permissions(),
              bundleBytes,
              clock.millis(),
              null,
              null);
      database.inTransaction(
          handle -> {
            // Checked again in the transaction: a racing upload may have come first. On
            // PostgreSQL the primary key still refuses two rows with one code.
            checkCanUpload(handle, app.appId(), manifest.code());
            store.insert(handle, version, stored);
            return null;
          });
      return version;
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  /** The owner's versions of the app, newest first. */
  List<MiniAppVersion> versionsOf(String ownerAccountId, String appId) {
    MiniApp app = apps.owned(ownerAccountId, appId);
    return database.read(handle -> store.versionsOf(handle, app.appId(), VERSION_ROWS_MAX));
  }

  /** Any app's versions, newest first, for the operator. */
  public List<MiniAppVersion> versionsOf(String appId) {
    MiniApp app = apps.app(appId).orElseThrow(MiniAppError.NotFound::new);
    return database.read(handle -> store.versionsOf(handle, app.appId(), VERSION_ROWS_MAX));
  }

  /** Versions in review across all apps, oldest first: the operator's queue. */
  public List<MiniAppVersion> inReview() {
    return database.read(
        handle -> store.withStatus(handle, MiniAppVersion.Status.IN_REVIEW, VERSION_ROWS_MAX));
  }

  /** A version with the files it holds, by path. */
  record Detailed(MiniAppVersion version, List<MiniAppVersion.File> files) {}

  /** One of the owner's versions with its files. */
  Detailed detailed(String ownerAccountId, String appId, int code) {
    MiniApp app = apps.owned(ownerAccountId, appId);
    return database.read(
        handle -> {
          MiniAppVersion version =
              store
                  .version(handle, app.appId(), code)
                  .orElseThrow(MiniAppBundleError.VersionNotFound::new);
          return new Detailed(version, store.filesOf(handle, app.appId(), code, FILE_ROWS_MAX));
        });
  }

  /** The operator approves a version in review; the provider may then release it. */
  public MiniAppVersion approve(String appId, int code) {
    return decide(appId, code, MiniAppVersion.Status.APPROVED, null, "approved");
  }

  /** The operator rejects a version in review, with the reason its provider sees. */
  public MiniAppVersion reject(String appId, int code, String reason) {
    return decide(
        appId, code, MiniAppVersion.Status.REJECTED, MiniAppRules.reason(reason), "rejected");
  }

  /**
   * Makes an approved version live; the version live before becomes approved again. Releasing an
   * earlier approved version is the rollback; releasing the live one changes nothing.
   */
  MiniAppVersion release(String ownerAccountId, String appId, int code) {
    MiniApp app = apps.owned(ownerAccountId, appId);
    return database.inTransaction(
        handle -> {
          MiniAppVersion version =
              store
                  .version(handle, app.appId(), code)
                  .orElseThrow(MiniAppBundleError.VersionNotFound::new);
          if (version.status() == MiniAppVersion.Status.LIVE) {
            return version;
          }
          if (version.status() != MiniAppVersion.Status.APPROVED) {
            throw new MiniAppBundleError.VersionStatusConflict(version.status(), "released");
          }
          store.retireLive(handle, app.appId());
          if (!store.release(handle, app.appId(), code, clock.millis())) {
            throw new MiniAppBundleError.VersionStatusConflict(version.status(), "released");
          }
          return store.version(handle, app.appId(), code).orElseThrow();
        });
  }

  /** The live version of an app, if it has one (whatever the app's own status). */
  public Optional<MiniAppVersion> live(String appId) {
    return database.read(handle -> store.withStatusOf(handle, appId, MiniAppVersion.Status.LIVE));
  }

  /** The live versions of {@code appIds} by app id (apps without one are absent). */
  public java.util.Map<String, MiniAppVersion> live(List<String> appIds) {
    List<String> bounded = appIds.subList(0, Math.min(appIds.size(), VERSION_ROWS_MAX));
    java.util.Map<String, MiniAppVersion> byApp = new java.util.HashMap<>();
    database
        .read(handle -> store.liveOf(handle, bounded))
        .forEach(version -> byApp.put(version.appId(), version));
    return byApp;
  }

  /**
   * A file of the live version of an approved app, read as the request comes, so a suspension or a
   * release takes effect on the next request; empty for anything else.
   */
  Optional<MiniAppVersion.File> servedFile(String appId, String path) {
    Optional<MiniApp> app = apps.app(appId).filter(MiniApp::isLive);
    if (app.isEmpty()) {
      return Optional.empty();
    }
    return database.read(handle -> store.liveFile(handle, appId, path));
  }

  /** An approved app, for the origin's headers; empty when it may not be served. */
  Optional<MiniApp> servedApp(String appId) {
    return apps.app(appId).filter(MiniApp::isLive);
  }

  InputStream open(MiniAppVersion.File file) {
    try {
      return files.open(file.sha256Hex());
    } catch (IOException e) {
      throw new UncheckedIOException("A stored bundle file is missing: " + file.sha256Hex(), e);
    }
  }

  private void checkCanUpload(String appId, int code) {
    database.read(
        handle -> {
          checkCanUpload(handle, appId, code);
          return null;
        });
  }

  private void checkCanUpload(dev.atrium.platform.db.Handle handle, String appId, int code) {
    Optional<MiniAppVersion> inReview =
        store.withStatusOf(handle, appId, MiniAppVersion.Status.IN_REVIEW);
    if (inReview.isPresent()) {
      throw new MiniAppBundleError.AlreadyInReview(inReview.get().code());
    }
    long highest = store.highestCode(handle, appId);
    if (code <= highest) {
      throw new MiniAppBundleError.Refused(
          "miniapp_version_code_not_increasing",
          "version.code must exceed " + highest + ", the highest uploaded so far.",
          MiniAppBundleReader.MANIFEST);
    }
    if (store.countOf(handle, appId) >= VERSIONS_PER_APP_MAX) {
      throw new MiniAppBundleError.TooManyVersions(VERSIONS_PER_APP_MAX);
    }
  }

  private MiniAppVersion decide(
      String appId, int code, MiniAppVersion.Status to, String reason, String action) {
    MiniApp app = apps.app(appId).orElseThrow(MiniAppError.NotFound::new);
    return database.inTransaction(
        handle -> {
          MiniAppVersion version =
              store
                  .version(handle, app.appId(), code)
                  .orElseThrow(MiniAppBundleError.VersionNotFound::new);
          if (!store.decide(
              handle,
              app.appId(),
              code,
              MiniAppVersion.Status.IN_REVIEW,
              to,
              reason,
              clock.millis())) {
            throw new MiniAppBundleError.VersionStatusConflict(version.status(), action);
          }
          return store.version(handle, app.appId(), code).orElseThrow();
        });
  }

  private static byte[] manifestOf(List<MiniAppBundleReader.Entry> entries) {
    for (MiniAppBundleReader.Entry entry : entries) {
      if (entry.path().equals(MiniAppBundleReader.MANIFEST)) {
        return entry.bytes();
      }
    }
    throw new IllegalStateException("The reader lets no bundle without a manifest through");
  }
}
