package dev.atrium.platform.feature;

import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * One feature of the product as the composition root sees it: what it serves and what it
 * contributes to the node. Every feature's {@code XModule} implements it, built by a static {@code
 * XModule.create(FeatureContext, ports...)} that reads the feature's own settings from the context;
 * the composition root registers every feature's parts in one loop.
 */
public interface Feature extends AutoCloseable {
  /** The feature's HTTP routes and WebSocket endpoints. */
  RouteModule routes();

  /** What the feature keeps about accounts, for account export and deletion. */
  default List<AccountDataProvider> accountData() {
    return List.of();
  }

  /** Told when a device's sessions end, e.g. to close its open connections. */
  default List<DeviceRevocationListener> deviceRevocationListeners() {
    return List.of();
  }

  /**
   * Work on a schedule of its own, started once the node serves requests and stopped by {@link
   * #close}.
   */
  default List<BackgroundJob> backgroundJobs() {
    return List.of();
  }

  /**
   * Stops the feature's background work and threads; called after HTTP stopped, before the database
   * closes.
   */
  @Override
  default void close() {}
}
