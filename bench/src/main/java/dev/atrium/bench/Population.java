package dev.atrium.bench;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.ContactModels.RequestOutcome;
import dev.atrium.sdk.MessagingModels.Conversation;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.sdk.Models.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Setup through the SDK, as clients do it: accounts, contacts, conversations. Work runs on a
 * bounded pool; a refusal the server asks to retry (429/503) is retried a bounded number of times.
 */
final class Population implements AutoCloseable {
  static final String PASSWORD = "bench-password-0123456789";
  private static final int ATTEMPTS_MAX = 20;

  final AtriumClient client;
  final String runId;
  private final ExecutorService pool;

  Population(AtriumClient client, int parallelism) {
    this.client = client;
    this.runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    this.pool = Executors.newFixedThreadPool(parallelism);
  }

  /** A username unique to this run: {@code b<run>_<label>}. */
  String username(String label) {
    return ("b" + runId + "_" + label).toLowerCase(Locale.ROOT);
  }

  Session register(String label) {
    String username = username(label);
    return retrying(
        () ->
            client.register(
                Registration.of(username, PASSWORD, "Bench " + label).withDeviceName("bench")));
  }

  /** Another device (session) of an existing account. */
  Session login(String username, String deviceName) {
    return retrying(() -> client.login(username, PASSWORD, deviceName));
  }

  /** Makes two accounts contacts: a asks, b accepts. */
  void befriend(Session a, Session b) {
    RequestOutcome outcome =
        retrying(() -> client.as(a).contacts().sendRequest(b.account().username(), null));
    if (!outcome.isNowContacts()) {
      retrying(() -> client.as(b).contacts().accept(outcome.request().id()));
    }
  }

  /**
   * The direct conversation of two contacts, with one device of each as leaves (a commits b's
   * Welcome).
   */
  String directConversation(Session a, Session b) {
    AtriumClient ca = client.as(a);
    Conversation conversation = retrying(() -> ca.conversations().createDirect(b.account().id()));
    retrying(
        () ->
            ca.conversations()
                .send(
                    Outgoing.commit(
                            conversation.id(),
                            "setup-" + conversation.id(),
                            0,
                            bytes("commit: add " + b.account().username()))
                        .withWelcome(bytes("welcome"), List.of(b.device().id()))));
    return conversation.id();
  }

  /** Runs {@code task(i)} for i in [0, count) on the pool and returns the results in order. */
  <T> List<T> parallel(int count, IntFunction<T> task, String what) throws Exception {
    List<Future<T>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      futures.add(pool.submit(() -> task.apply(index)));
    }
    List<T> results = new ArrayList<>(count);
    long start = System.nanoTime();
    long lastReport = start;
    for (Future<T> future : futures) {
      results.add(future.get(10, TimeUnit.MINUTES));
      long now = System.nanoTime();
      if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
        System.out.printf("  %s: %d/%d%n", what, results.size(), count);
        lastReport = now;
      }
    }
    System.out.printf("  %s: %d in %.1f s%n", what, count, (System.nanoTime() - start) / 1e9);
    return results;
  }

  static <T> T retrying(java.util.function.Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (AtriumApiException e) {
        boolean retry = (e.status() == 429 || e.status() == 503) && attempt < ATTEMPTS_MAX;
        if (!retry) {
          throw e;
        }
        sleep(Math.min(2000, 50L * attempt));
      } catch (java.io.UncheckedIOException e) {
        if (attempt >= 5) {
          throw e;
        }
        sleep(200L * attempt);
      }
    }
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
