package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.security.SecretTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook events to providers, on one loop thread of this node plus up to {@code
 * concurrencyMax} virtual threads for the requests. The loop claims a bounded batch of due events
 * (a lease in the row, so nodes sharing PostgreSQL never send one event at the same time), sends
 * them, records each answer, and sleeps until woken by {@link #wake} (a new event committed here)
 * or the poll interval passes. Delivery is at least once: a node that dies after the provider
 * answered but before the answer is stored sends again once the lease runs out, with the same
 * {@code Atrium-Webhook-Id}. Thread-safe.
 */
final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int ERROR_CHARS_MAX = 300;
  private static final int SWEEP_BATCH_MAX = 500;
  private static final long SWEEP_INTERVAL_MILLIS = 60_000;

  /** Counters and timers of the dispatcher. */
  record Meters(Counter delivered, Counter attemptsFailed, Counter gaveUp, Timer latency) {}

  private final WebhookSettings settings;
  private final Database database;
  private final Clock clock;
  private final WebhookStore store;
  private final WebhookSecrets secrets;
  private final Supplier<WebhookEndpoints> endpoints;
  private final Meters meters;
  private final HttpClient http;
  private final Semaphore wakeSignal = new Semaphore(0);
  private final ExecutorService senders =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-send-", 0).factory());
  private final Semaphore inFlight;
  private volatile boolean closed;
  private Thread loop;
  private long lastSweepMillis;

  WebhookDispatcher(
      WebhookSettings settings,
      Database database,
      Clock clock,
      WebhookStore store,
      WebhookSecrets secrets,
      Supplier<WebhookEndpoints> endpoints,
      Meters meters) {
    this.settings = settings;
    this.database = database;
    this.clock = clock;
    this.store = store;
    this.secrets = secrets;
    this.endpoints = endpoints;
    this.meters = meters;
    this.inFlight = new Semaphore(settings.concurrencyMax());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(settings.connectTimeoutMillis()))
            // A redirect could lead anywhere, past the URL checks: a 3xx is a failed attempt.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  synchronized void start() {
    if (loop == null && !closed) {
      loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::run);
    }
  }

  /** Tells the loop there may be new work (an event committed on this node). Never blocks. */
  void wake() {
    if (wakeSignal.availablePermits() == 0) {
      wakeSignal.release();
    }
  }

  private void run() {
    while (!closed) {
      try {
        int claimed = dispatchOnce();
        sweepNowAndThen();
        if (claimed < settings.claimBatchMax()) {
          // Woken at once by a new event here; due retries and other nodes' events by the poll.
          wakeSignal.tryAcquire(settings.pollIntervalMillis(), TimeUnit.MILLISECONDS);
          wakeSignal.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("event=webhook_dispatch_failed", e);
        sleepQuietly(settings.pollIntervalMillis());
      }
    }
  }

  /** Claims and sends one batch of due events; returns how many were claimed. */
  int dispatchOnce() throws InterruptedException {
    String token = SecretTokens.newId();
    long now = clock.millis();
    List<WebhookStore.Claimed> claimed =
        database.inTransaction(
            tx -> {
              List<WebhookStore.Claimed> taken = new ArrayList<>();
              for (String id : store.dueIds(tx, now, settings.claimBatchMax())) {
                store.claim(tx, id, now, now + settings.leaseMillis(), token).ifPresent(taken::add);
              }
              return taken;
            });
    List<Future<?>> sending = new ArrayList<>();
    for (WebhookStore.Claimed event : claimed) {
      inFlight.acquire();
      sending.add(
          senders.submit(
              () -> {
                try {
                  deliver(event, token);
                } finally {
                  inFlight.release();
                }
              }));
    }
    for (Future<?> future : sending) {
      try {
        future.get();
      } catch (java.util.concurrent.ExecutionException e) {
        LOG.error("event=webhook_send_failed", e.getCause());
      }
    }
    return claimed.size();
  }

  private void deliver(WebhookStore.Claimed event, String token) {
    Optional<WebhookEndpoints.Endpoint> endpoint = endpoints.get().endpoint(event.appId());
    if (endpoint.isEmpty()) {
      failed(event, token, null, "no webhook URL is registered for the app");
      return;
    }
    String refusal =
        WebhookUrlPolicy.refusal(endpoint.get().url(), settings.allowPrivateNetworks());
    if (refusal != null) {
      // Checked before every request too: the name may resolve elsewhere than at registration.
      failed(event, token, null, "URL refused: " + refusal);
      return;
    }
    List<String> keys = secrets.signingSecrets(event.appId());
    if (keys.isEmpty()) {
      failed(event, token, null, "the app has no webhook signing secret yet");
      return;
    }
    long timestamp = clock.millis() / 1_000;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint.get().url()))
            .timeout(Duration.ofMillis(settings.requestTimeoutMillis()))
            .header("Content-Type", "application/json")
            .header("User-Agent", "Atrium-Webhooks/1")
            .header("Atrium-Webhook-Id", event.id())
            .header("Atrium-Webhook-Timestamp", Long.toString(timestamp))
            .header(
                "Atrium-Webhook-Signature", WebhookSignature.header(timestamp, event.body(), keys))
            .POST(HttpRequest.BodyPublishers.ofString(event.body()))
            .build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      readCapped(response.body());
      if (status >= 200 && status < 300) {
        long now = clock.millis();
        database.inTransaction(
            tx -> {
              store.delivered(tx, event.id(), token, now, status);
              return null;
            });
        meters.delivered().increment();
        meters.latency().record(Duration.ofMillis(Math.max(0, now - event.createdAtMillis())));
      } else {
        failed(event, token, status, "the provider answered " + status);
      }
    } catch (HttpTimeoutException e) {
      failed(event, token, null, "timed out: " + e.getMessage());
    } catch (IOException e) {
      failed(event, token, null, "unreachable: " + e);
    } catch (InterruptedException e) {
      // Closing: the lease runs out and another attempt (here after a restart, or elsewhere) sends.
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads at most {@code responseBytesMax} of the body, so the connection can be reused when the
   * answer is short, and drops the rest by closing. The request timeout ends at the headers, so a
   * timer closes a body that trickles for longer: a provider cannot hold a sender.
   */
  private void readCapped(InputStream body) {
    CompletableFuture<Void> deadline =
        CompletableFuture.runAsync(
            () -> closeQuietly(body),
            CompletableFuture.delayedExecutor(
                settings.requestTimeoutMillis(), TimeUnit.MILLISECONDS));
    try (body) {
      body.readNBytes(settings.responseBytesMax());
    } catch (IOException e) {
      // The status decides; a body cut short changes nothing.
    } finally {
      deadline.cancel(false);
    }
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // Closing is all that was wanted.
    }
  }

  private void failed(WebhookStore.Claimed event, String token, Integer status, String error) {
    long now = clock.millis();
    String why = error.length() > ERROR_CHARS_MAX ? error.substring(0, ERROR_CHARS_MAX) : error;
    Long next = nextAttemptAt(event.attempts() + 1, now, event.giveUpAtMillis());
    database.inTransaction(
        tx -> {
          store.attemptFailed(tx, event.id(), token, now, status, why, next);
          return null;
        });
    meters.attemptsFailed().increment();
    if (next == null) {
      meters.gaveUp().increment();
      LOG.info("event=webhook_gave_up id={} app={} error=\"{}\"", event.id(), event.appId(), why);
    }
  }

  /**
   * When to try again after {@code attempts} failed attempts: the configured delay for that attempt
   * (the last one repeating), jittered by up to 20 percent either way so that events that failed
   * together do not all return together; the last try is at the end of the window, and null means
   * the window is over.
   */
  Long nextAttemptAt(int attempts, long now, long giveUpAt) {
    if (now >= giveUpAt) {
      return null;
    }
    List<Long> delays = settings.retryDelaysMillis();
    long delay = delays.get(Math.min(attempts, delays.size()) - 1);
    long jittered = Math.round(delay * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
    return Math.min(now + Math.max(1, jittered), giveUpAt);
  }

  /** Removes settled events past their retention, a bounded batch a minute. */
  private void sweepNowAndThen() {
    long now = clock.millis();
    if (now - lastSweepMillis < SWEEP_INTERVAL_MILLIS) {
      return;
    }
    lastSweepMillis = now;
    long before = now - settings.retentionDays() * 86_400_000L;
    database.inTransaction(tx -> store.deleteSettledBefore(tx, before, SWEEP_BATCH_MAX));
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread running;
    synchronized (this) {
      running = loop;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    senders.shutdownNow();
    try {
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
