package dev.atrium.notifications;

import com.interaso.webpush.WebPush;
import dev.atrium.platform.json.Json;
import dev.atrium.platform.security.PublicNetwork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends wake-ups to push services off the caller's thread: a bounded queue of devices, drained by a
 * few workers. Each wake-up is one RFC 8030 request: the payload encrypted for the device (RFC
 * 8291, aes128gcm) and signed for the push service (VAPID, RFC 8292), both by the maintained {@code
 * com.interaso:webpush} library; this class only moves bytes and reads answers.
 */
final class PushSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);
  private static final int WORKERS = 4;

  /** The RFC 8030 Topic: a push service keeps only the newest undelivered wake-up per device. */
  private static final String TOPIC = "wake";

  /** Where the workers find subscriptions, and what they report back. */
  interface Subscriptions {
    /** The devices a wake-up is for, without those connected here or lacking a subscription. */
    List<String> targets(Wake wake);

    /** The device's subscription if it may be woken now (and marks it woken); null otherwise. */
    PushSubscription claimWake(String deviceId);

    /** The push service says the subscription no longer exists. */
    void gone(PushSubscription subscription);
  }

  private final PushSettings settings;
  private final WebPush webPush;
  private final Subscriptions subscriptions;
  private final HttpClient http;
  private final BlockingQueue<Wake> queue;
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("push-sender-", 0).factory());
  private final Counter sent;
  private final Counter dropped;
  private final Counter failed;
  private volatile boolean closed;

  /** All a push says: the payload's version and why the device is woken, in this order. */
  record WakePayload(int v, String reason) {}

  /**
   * Devices to wake and why, which is all the payload says: one device, or a conversation's
   * members' devices except {@code exceptDeviceId}.
   */
  record Wake(
      String deviceId,
      String accountId,
      String conversationId,
      String exceptDeviceId,
      WakeReason reason) {
    static Wake device(String deviceId, WakeReason reason) {
      return new Wake(deviceId, null, null, null, reason);
    }

    static Wake account(String accountId, WakeReason reason) {
      return new Wake(null, accountId, null, null, reason);
    }

    static Wake conversation(String conversationId, String exceptDeviceId, WakeReason reason) {
      return new Wake(null, null, conversationId, exceptDeviceId, reason);
    }

    /**
     * Wake-ups waiting for the same target are one: a second adds nothing to a contentless wake-up.
     */
    String key() {
      if (deviceId != null) {
        return "d:" + deviceId;
      }
      return accountId != null ? "a:" + accountId + ":" + reason : "c:" + conversationId;
    }
  }

  PushSender(
      PushSettings settings, WebPush webPush, Subscriptions subscriptions, MeterRegistry metrics) {
    this.settings = settings;
    this.webPush = webPush;
    this.subscriptions = subscriptions;
    this.queue = new ArrayBlockingQueue<>(settings.queueMax());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(settings.sendTimeoutMillis()))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    MeterRegistry registry =
        metrics != null ? metrics : new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    this.sent = Counter.builder("atrium.push.sent").register(registry);
    this.dropped =
        Counter.builder("atrium.push.dropped")
            .description("Wake-ups dropped: queue full")
            .register(registry);
    this.failed = Counter.builder("atrium.push.failed").register(registry);
  }

  void start() {
    for (int i = 0; i < WORKERS; i++) {
      workers.execute(this::work);
    }
  }

  /** Queues a wake-up; a target already waiting is not queued twice, and a full queue drops it. */
  void enqueue(Wake wake) {
    if (closed || !queued.add(wake.key())) {
      return;
    }
    if (!queue.offer(wake)) {
      queued.remove(wake.key());
      dropped.increment();
    }
  }

  private void work() {
    while (!closed) {
      Wake wake;
      try {
        wake = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (wake == null) {
        continue;
      }
      queued.remove(wake.key());
      try {
        for (String deviceId : subscriptions.targets(wake)) {
          PushSubscription subscription = subscriptions.claimWake(deviceId);
          if (subscription != null) {
            send(subscription, wake.reason());
          }
        }
      } catch (RuntimeException e) {
        failed.increment();
        LOG.warn("Push to a device failed: {}", e.toString());
      }
    }
  }

  private void send(PushSubscription subscription, WakeReason reason) {
    URI endpoint = URI.create(subscription.endpoint());
    if (!settings.allowLocalEndpoints() && isLocal(endpoint.getHost())) {
      // Checked at send time as well: a name may resolve elsewhere than when it was stored.
      failed.increment();
      LOG.warn("Push endpoint refused: {} resolves to a local address", endpoint.getHost());
      return;
    }
    byte[] payload =
        Json.write(new WakePayload(1, reason.wireName())).getBytes(StandardCharsets.UTF_8);
    byte[] body =
        webPush.getBody(payload, decode(subscription.p256dh()), decode(subscription.auth()));
    Map<String, String> headers =
        webPush.getHeaders(
            subscription.endpoint(), settings.ttlSeconds(), TOPIC, WebPush.Urgency.High);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofMillis(settings.sendTimeoutMillis()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        sent.increment();
      } else if (status == 404 || status == 410) {
        // RFC 8030 section 7.3: the subscription expired or was removed; never push to it again.
        subscriptions.gone(subscription);
      } else {
        failed.increment();
        LOG.info("Push service answered {} for a wake-up", status);
      }
    } catch (IOException e) {
      failed.increment();
      LOG.info("Push service unreachable: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * True unless every address the host resolves to is public (the platform's one rule for URLs the
   * server calls on a user's behalf).
   */
  static boolean isLocal(String host) {
    return !PublicNetwork.resolvesOnlyToPublic(host);
  }

  private static byte[] decode(String base64Url) {
    return Base64.getUrlDecoder().decode(base64Url);
  }

  @Override
  public void close() {
    closed = true;
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
