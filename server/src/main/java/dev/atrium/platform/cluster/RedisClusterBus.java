package dev.atrium.platform.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster bus on Redis pub/sub, as Signal's server uses Redis for cross-node delivery
 * notifications. Each message starts with the sending node's random id, so a node ignores its own.
 * Publishing is asynchronous with a bounded number in flight; Lettuce reconnects and resubscribes
 * by itself after Redis restarts. Thread-safe.
 */
public final class RedisClusterBus implements ClusterBus {
  private static final Logger LOG = LoggerFactory.getLogger(RedisClusterBus.class);
  private static final int NODE_ID_BYTES = 16;
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> publisher;
  private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
  private final byte[] channel;
  private final byte[] nodeId = new byte[NODE_ID_BYTES];
  private final int pendingMax;
  private final AtomicInteger pending = new AtomicInteger();
  private final Counter dropped;

  private RedisClusterBus(
      RedisClient client,
      StatefulRedisConnection<byte[], byte[]> publisher,
      StatefulRedisPubSubConnection<byte[], byte[]> subscriber,
      ClusterSettings settings,
      MeterRegistry metrics) {
    this.client = client;
    this.publisher = publisher;
    this.subscriber = subscriber;
    this.channel = settings.channel().getBytes(StandardCharsets.UTF_8);
    this.pendingMax = settings.pendingPublishesMax();
    new SecureRandom().nextBytes(nodeId);
    this.dropped =
        Counter.builder("atrium.cluster.messages.dropped")
            .description("Cluster messages not published: Redis down or too far behind")
            .register(metrics);
  }

  /** Connects to Redis; a node configured for a cluster does not start without it. */
  public static RedisClusterBus connect(ClusterSettings settings, MeterRegistry metrics) {
    RedisClient client = RedisClient.create(RedisURI.create(settings.redisUrl()));
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // While Redis is away, fail fast instead of buffering without bound.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .requestQueueSize(settings.pendingPublishesMax())
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .build());
    try {
      StatefulRedisConnection<byte[], byte[]> publisher = client.connect(ByteArrayCodec.INSTANCE);
      StatefulRedisPubSubConnection<byte[], byte[]> subscriber =
          client.connectPubSub(ByteArrayCodec.INSTANCE);
      return new RedisClusterBus(client, publisher, subscriber, settings, metrics);
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      RedisURI uri = RedisURI.create(settings.redisUrl());
      throw new IllegalStateException(
          "Cannot reach Redis at "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + " (cluster.redisUrl): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void publish(byte[] message) {
    if (pending.incrementAndGet() > pendingMax) {
      pending.decrementAndGet();
      dropped.increment();
      return;
    }
    byte[] framed = new byte[NODE_ID_BYTES + message.length];
    System.arraycopy(nodeId, 0, framed, 0, NODE_ID_BYTES);
    System.arraycopy(message, 0, framed, NODE_ID_BYTES, message.length);
    try {
      publisher
          .async()
          .publish(channel, framed)
          .whenComplete(
              (receivers, failure) -> {
                pending.decrementAndGet();
                if (failure != null) {
                  dropped.increment();
                  LOG.debug("event=cluster_publish_failed error={}", failure.toString());
                }
              });
    } catch (RedisException e) {
      pending.decrementAndGet();
      dropped.increment();
    }
  }

  @Override
  public void subscribe(Consumer<byte[]> listener) {
    subscriber.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(byte[] fromChannel, byte[] message) {
            if (message.length < NODE_ID_BYTES
                || Arrays.equals(message, 0, NODE_ID_BYTES, nodeId, 0, NODE_ID_BYTES)) {
              return;
            }
            try {
              listener.accept(Arrays.copyOfRange(message, NODE_ID_BYTES, message.length));
            } catch (RuntimeException e) {
              LOG.warn("event=cluster_message_failed error={}", e.toString());
            }
          }
        });
    subscriber.sync().subscribe(channel);
  }

  @Override
  public void close() {
    try {
      subscriber.close();
      publisher.close();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
