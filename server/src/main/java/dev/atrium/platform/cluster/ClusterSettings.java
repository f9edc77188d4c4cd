package dev.atrium.platform.cluster;

/**
 * How this node finds the others that share its database.
 *
 * @param redisUrl {@code redis://host:port[/db]}, or empty when this node runs alone
 * @param channel the Redis channel of this cluster, so several clusters can share one Redis
 * @param pendingPublishesMax messages waiting for Redis before new ones are dropped
 */
public record ClusterSettings(String redisUrl, String channel, int pendingPublishesMax) {
  public ClusterSettings {
    if (channel == null || channel.isBlank() || channel.length() > 200) {
      throw new IllegalArgumentException("cluster.channel must be 1-200 characters");
    }
    if (pendingPublishesMax < 16) {
      throw new IllegalArgumentException("cluster.pendingPublishesMax must be at least 16");
    }
  }

  public boolean isClustered() {
    return redisUrl != null && !redisUrl.isBlank();
  }
}
