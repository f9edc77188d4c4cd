package dev.atrium.media;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RetentionSettings;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Builds the media feature: the attachment service, its routes, its part in account export and
 * deletion, and the sweeper that expires blobs. Closing it stops the sweeper.
 */
public final class AttachmentModule implements AutoCloseable {
  static final String BLOB_DIRECTORY = "blobs";

  private final AttachmentService service;
  private final RouteModule routes;
  private final AccountDataProvider accountData;
  private final AttachmentSweeper sweeper;

  private AttachmentModule(AttachmentService service, RouteModule routes, AccountDataProvider accountData,
      AttachmentSweeper sweeper) {
    this.service = service;
    this.routes = routes;
    this.accountData = accountData;
    this.sweeper = sweeper;
  }

  /** Blobs live in {@code <dataDir>/blobs}, next to SQLite's file (also when the rows are in PostgreSQL). */
  public static AttachmentModule create(Database database, Clock clock, Path dataDir, AttachmentSettings settings,
      RetentionSettings retention) {
    BlobFiles files = new BlobFiles(dataDir.resolve(BLOB_DIRECTORY));
    AttachmentService service = new AttachmentService(database, files, clock, settings, retention);
    return new AttachmentModule(service, new AttachmentRoutes(service, settings, clock),
        new AttachmentAccountData(service), new AttachmentSweeper(service, clock, retention.sweepIntervalMillis()));
  }

  public AttachmentService service() {
    return service;
  }

  public RouteModule routes() {
    return routes;
  }

  /** Register with identity, so exports list the account's uploads and deletion erases them. */
  public AccountDataProvider accountData() {
    return accountData;
  }

  /** Starts expiring blobs every sweep interval; called once the node serves requests. */
  public void startSweeping() {
    sweeper.start();
  }

  @Override
  public void close() {
    sweeper.close();
  }
}
