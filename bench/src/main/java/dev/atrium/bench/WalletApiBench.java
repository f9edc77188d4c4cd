package dev.atrium.bench;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Money moved through the HTTP API: sandbox top-ups, each with its own Idempotency-Key, against a
 * server in a child process (the API path of every payment: authentication, the idempotency check,
 * a ledger work that stores the response with the posting, the durable commit). No PIN: top-ups are
 * incoming; PIN-confirmed payments are bound by Argon2id instead.
 */
@Command(
    name = "wallet-api",
    mixinStandardHelpOptions = true,
    description =
        "Durable money-moving API calls per second (sandbox top-ups with Idempotency-Keys).")
final class WalletApiBench implements Callable<Integer> {
  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--accounts", defaultValue = "200", description = "Accounts receiving top-ups.")
  int accounts;

  @Option(names = "--concurrency", defaultValue = "256", description = "Requests in flight.")
  int concurrency;

  @Option(names = "--warmup-seconds", defaultValue = "5")
  int warmupSeconds;

  @Option(names = "--duration-seconds", defaultValue = "20")
  int durationSeconds;

  @Override
  public Integer call() throws Exception {
    if (accounts < 1
        || accounts > 100_000
        || concurrency < 1
        || concurrency > 10_000
        || durationSeconds < 1
        || durationSeconds > 3600
        || warmupSeconds < 0
        || warmupSeconds > 600) {
      System.err.println(
          "--accounts 1-100000, --concurrency 1-10000, --duration-seconds 1-3600, --warmup 0-600");
      return 2;
    }
    System.out.println(
        "wallet-api benchmark: sandbox top-ups over HTTP, "
            + accounts
            + " accounts, "
            + concurrency
            + " in flight, warm-up "
            + warmupSeconds
            + " s, measured "
            + durationSeconds
            + " s");
    Conditions.print(server);
    try (BenchServer node =
        BenchServer.start(server, Map.of("ATRIUM_WALLET_SANDBOX_TOP_UP_ENABLED", "true"))) {
      System.out.println("  server: " + node.description);
      AtriumClient anonymous = AtriumClient.connect(node.uri);
      List<AtriumClient> clients = new ArrayList<>();
      try (Population population = new Population(anonymous, 8)) {
        for (Session session :
            population.parallel(accounts, i -> population.register("w" + i), "register")) {
          clients.add(anonymous.as(session));
        }
      }
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicBoolean measuring = new AtomicBoolean(false);
      AtomicLong done = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      CpuWindow.Result cpu;
      double seconds;
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < concurrency; i++) {
          AtriumClient client = clients.get(i % clients.size());
          threads.execute(() -> topUps(client, running, measuring, done, failed, latencies));
        }
        Thread.sleep(warmupSeconds * 1000L);
        CpuWindow window = CpuWindow.start(node);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(durationSeconds * 1000L);
        measuring.set(false);
        seconds = (System.nanoTime() - start) / 1e9;
        cpu = window.stop();
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(60, TimeUnit.SECONDS);
      }
      List<Long> sorted = new ArrayList<>(latencies);
      Stats stats = Stats.of(sorted);
      long[] values = sorted.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "  RESULT: %,.0f durable top-ups/s over HTTP (%,d in %.1f s, %d failed)%n",
          done.get() / seconds,
          done.get(),
          seconds,
          failed.get());
      System.out.println("  latency ms: " + stats.line() + "  p99 " + Stats.percentile(values, 99));
      System.out.println("  cpu: " + cpu.line());
      if (!FAILURES.isEmpty()) {
        System.out.println("  failures: " + FAILURES);
      }
      System.out.println("  load average after: " + BenchServer.loadAverage());
      return failed.get() == 0 ? 0 : 1;
    }
  }

  /** Failures by kind (status and code, or the exception), printed after the run. */
  private static final java.util.concurrent.ConcurrentHashMap<String, Integer> FAILURES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String failureKind(RuntimeException e) {
    if (e instanceof dev.atrium.sdk.AtriumApiException api) {
      return api.status() + " " + api.code();
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static void topUps(
      AtriumClient client,
      AtomicBoolean running,
      AtomicBoolean measuring,
      AtomicLong done,
      AtomicLong failed,
      ConcurrentLinkedQueue<Long> latencies) {
    while (running.get()) {
      long start = System.nanoTime();
      try {
        client.wallet().sandboxTopUp(1, UUID.randomUUID().toString());
        if (measuring.get()) {
          done.incrementAndGet();
          latencies.add((System.nanoTime() - start) / 1_000_000);
        }
      } catch (RuntimeException e) {
        if (running.get()) {
          failed.incrementAndGet();
          FAILURES.merge(failureKind(e), 1, Integer::sum);
        }
      }
    }
  }
}
