package dev.atrium.platform.feature;

/**
 * A feature's recurring work (a sweeper, for example), started by the composition root once the
 * node serves requests; the feature's {@link Feature#close} stops it.
 */
@FunctionalInterface
public interface BackgroundJob {
  void start();
}
