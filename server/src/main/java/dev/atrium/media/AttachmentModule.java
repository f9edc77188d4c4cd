package dev.atrium.media;

import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.BackgroundJob;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RetentionSettings;
import java.util.List;

/**
 * Builds the media feature: the attachment service, its routes, its part in account export and
 * deletion, and the sweeper that expires blobs. Closing it stops the sweeper.
 */
public final class AttachmentModule implements Feature {
  static final String BLOB_DIRECTORY = "blobs";

  private final AttachmentService service;
  private final RouteModule routes;
  private final AccountDataProvider accountData;
  private final AttachmentSweeper sweeper;

  private AttachmentModule(
      AttachmentService service,
      RouteModule routes,
      AccountDataProvider accountData,
      AttachmentSweeper sweeper) {
    this.service = service;
    this.routes = routes;
    this.accountData = accountData;
    this.sweeper = sweeper;
  }

  /**
   * Blobs live in {@code <dataDir>/blobs}, next to SQLite's file (also when the rows are in
   * PostgreSQL).
   */
  public static AttachmentModule create(FeatureContext context) {
    AttachmentSettings settings = AttachmentSettings.read(context.config());
    RetentionSettings retention = RetentionSettings.read(context.config());
    BlobFiles files = new BlobFiles(context.dataDir().resolve(BLOB_DIRECTORY));
    AttachmentService service =
        new AttachmentService(context.database(), files, context.clock(), settings, retention);
    return new AttachmentModule(
        service,
        new AttachmentRoutes(service, settings, context.clock()),
        new AttachmentAccountData(service),
        new AttachmentSweeper(service, context.clock(), retention.sweepIntervalMillis()));
  }

  public AttachmentService service() {
    return service;
  }

  @Override
  public RouteModule routes() {
    return routes;
  }

  /** Exports list the account's uploads, and deletion erases them. */
  @Override
  public List<AccountDataProvider> accountData() {
    return List.of(accountData);
  }

  /** Expires blobs every sweep interval. */
  @Override
  public List<BackgroundJob> backgroundJobs() {
    return List.of(sweeper::start);
  }

  @Override
  public void close() {
    sweeper.close();
  }
}
