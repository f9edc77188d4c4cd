package dev.atrium.platform.cluster;

import java.util.function.Consumer;

/**
 * Carries short-lived notifications between the nodes that share one database (live deliveries,
 * typing, revocations). Best effort by design: whatever must survive is in the database, and
 * receivers recover anything a lost notification would have told them from there.
 */
public interface ClusterBus extends AutoCloseable {
  /**
   * Sends to every other node. Never blocks; drops (and counts) the message when the bus is down or
   * backed up.
   */
  void publish(byte[] message);

  /**
   * Hands other nodes' messages to {@code listener}, on the bus's own thread; the listener must not
   * block.
   */
  void subscribe(Consumer<byte[]> listener);

  /** False for a node that runs alone, so features need not even encode what nobody would read. */
  default boolean reachesOtherNodes() {
    return true;
  }

  @Override
  void close();

  /** The bus of a node that runs alone: nothing to tell anyone. */
  static ClusterBus singleNode() {
    return new ClusterBus() {
      @Override
      public boolean reachesOtherNodes() {
        return false;
      }

      @Override
      public void publish(byte[] message) {}

      @Override
      public void subscribe(Consumer<byte[]> listener) {}

      @Override
      public void close() {}
    };
  }
}
