package dev.atrium.bench;

import dev.atrium.platform.db.Database;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerCheck;
import dev.atrium.wallet.ledger.LedgerError;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.LedgerSettings;
import dev.atrium.wallet.ledger.PostingKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Durable concurrent transfers through the wallet ledger, in process: many virtual threads each
 * post user-to-user transfers and wait until theirs is durable (the same {@code Ledger.post} the
 * API's payments end in), on SQLite (WAL, synchronous=FULL) or PostgreSQL. Counts acknowledged
 * transfers per second in the measured window, their latency, and checks the ledger afterwards.
 */
@Command(
    name = "transfers",
    mixinStandardHelpOptions = true,
    description =
        "Durable concurrent wallet-ledger transfers per second (in process; SQLite or PostgreSQL).")
final class TransfersBench implements Callable<Integer> {
  @Option(
      names = "--database-url",
      defaultValue = "",
      description =
          "Empty: SQLite in a fresh temp dir; else postgresql://user@host:5432/db (a fresh schema is used).")
  String databaseUrl;

  @Option(
      names = "--accounts",
      defaultValue = "1000",
      description = "User accounts money moves between (fewer = hotter).")
  int accounts;

  @Option(
      names = "--concurrency",
      defaultValue = "2000",
      description = "Transfers in flight (one virtual thread each).")
  int concurrency;

  @Option(names = "--batch-max", defaultValue = "2000", description = "wallet.writerBatchMax.")
  int batchMax;

  @Option(names = "--warmup-seconds", defaultValue = "5")
  int warmupSeconds;

  @Option(names = "--duration-seconds", defaultValue = "20")
  int durationSeconds;

  @Override
  public Integer call() throws Exception {
    if (accounts < 2
        || accounts > 1_000_000
        || concurrency < 1
        || concurrency > 100_000
        || durationSeconds < 1
        || durationSeconds > 3600
        || warmupSeconds < 0
        || warmupSeconds > 600) {
      System.err.println(
          "--accounts 2-1000000, --concurrency 1-100000, --duration-seconds 1-3600, --warmup 0-600");
      return 2;
    }
    return BenchDatabase.with(
        databaseUrl,
        "transfers",
        (database, description) -> {
          System.out.println("transfers benchmark: " + description);
          System.out.printf(
              "  accounts %d, in flight %d, batch max %d, warm-up %d s, measured %d s%n",
              accounts, concurrency, batchMax, warmupSeconds, durationSeconds);
          System.out.println("  load average before: " + BenchServer.loadAverage());
          return run(database);
        });
  }

  private int run(Database database) throws Exception {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    try (Ledger ledger =
        new Ledger(
            database,
            Clock.systemUTC(),
            new LedgerSettings(Math.max(100_000, concurrency * 2), batchMax, 60_000),
            metrics)) {
      List<AccountId> ids = fund(ledger);
      AtomicBoolean measuring = new AtomicBoolean(false);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong done = new AtomicLong();
      AtomicLong refused = new AtomicLong();
      ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
      OtherCpu others;
      long ownCpuStart;
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < concurrency; i++) {
          int seed = i;
          threads.execute(
              () -> transferLoop(ledger, ids, seed, running, measuring, done, refused, latencies));
        }
        Thread.sleep(warmupSeconds * 1000L);
        others = OtherCpu.start();
        ownCpuStart = ownCpuNanos();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(durationSeconds * 1000L);
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpuText =
            String.format(
                Locale.ROOT,
                "this process (ledger + load) %.2f cores, other processes %s"
                    + " of the machine (%d cores; PostgreSQL's backends count here)",
                (ownCpuNanos() - ownCpuStart) / 1e9 / seconds,
                others == null
                    ? "?"
                    : others.share(java.time.Duration.ZERO).stream()
                        .mapToObj(share -> String.format(Locale.ROOT, "%.0f%%", 100 * share))
                        .findFirst()
                        .orElse("?"),
                Runtime.getRuntime().availableProcessors());
        running.set(false);
        threads.shutdown();
        threads.awaitTermination(120, TimeUnit.SECONDS);
        report(done.get(), refused.get(), seconds, latencies, metrics, cpuText);
      }
      LedgerCheck check = ledger.check();
      long total = ids.stream().mapToLong(ledger::balanceCents).sum();
      System.out.printf(
          "  after: %s; users hold %,d cents (funded %,d): %s%n",
          check.isBalanced() ? "ledger-check balanced" : "LEDGER NOT BALANCED " + check.problems(),
          total,
          FUNDING_CENTS * accounts,
          total == FUNDING_CENTS * accounts ? "nothing created or lost" : "MISMATCH");
      System.out.println("  load average after: " + BenchServer.loadAverage());
      return check.isBalanced() && total == FUNDING_CENTS * accounts ? 0 : 1;
    }
  }

  private static final long FUNDING_CENTS = 1_000_000;

  private static long ownCpuNanos() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(java.time.Duration::toNanos)
        .orElse(0L);
  }

  private List<AccountId> fund(Ledger ledger) {
    List<AccountId> ids = new ArrayList<>(accounts);
    for (int i = 0; i < accounts; i++) {
      ids.add(ledger.ensureAccount(AccountId.user("bench-" + i)));
    }
    List<java.util.concurrent.CompletableFuture<?>> funded = new ArrayList<>();
    for (AccountId id : ids) {
      funded.add(
          ledger.submit(
              LedgerPosting.transfer(
                  PostingKind.SANDBOX_TOP_UP, AccountId.FUNDING, id, FUNDING_CENTS, null)));
    }
    funded.forEach(java.util.concurrent.CompletableFuture::join);
    return ids;
  }

  private static void transferLoop(
      Ledger ledger,
      List<AccountId> ids,
      int seed,
      AtomicBoolean running,
      AtomicBoolean measuring,
      AtomicLong done,
      AtomicLong refused,
      ConcurrentLinkedQueue<long[]> latencies) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] samples = new long[4096];
    int sampled = 0;
    while (running.get()) {
      AccountId from = ids.get(random.nextInt(ids.size()));
      AccountId to = ids.get(random.nextInt(ids.size()));
      if (from.equals(to)) {
        continue;
      }
      long start = System.nanoTime();
      try {
        ledger.post(
            LedgerPosting.transfer(
                PostingKind.ADJUSTMENT, from, to, 1 + random.nextInt(100), null));
        if (measuring.get()) {
          done.incrementAndGet();
          if (sampled < samples.length) {
            samples[sampled++] = System.nanoTime() - start;
          }
        }
      } catch (LedgerError.InsufficientFunds e) {
        refused.incrementAndGet();
      } catch (RuntimeException e) {
        if (running.get()) {
          System.err.println("transfer failed: " + e);
        }
      }
    }
    latencies.add(java.util.Arrays.copyOf(samples, sampled));
  }

  private static void report(
      long done,
      long refused,
      double seconds,
      ConcurrentLinkedQueue<long[]> latencies,
      SimpleMeterRegistry metrics,
      String cpu) {
    List<Long> all = new ArrayList<>();
    latencies.forEach(
        array -> {
          for (long value : array) {
            all.add(value / 1_000_000);
          }
        });
    Stats stats = Stats.of(all);
    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    long p99 = Stats.percentile(sorted, 99);
    var batches = metrics.find("atrium.group_commit.batch.size").summary();
    System.out.printf(
        Locale.ROOT,
        "  RESULT: %,.0f durable transfers/s (%,d in %.1f s; %d refused for funds)%n",
        done / seconds,
        done,
        seconds,
        refused);
    System.out.println("  latency ms (acknowledged): " + stats.line() + "  p99 " + p99);
    if (batches != null) {
      System.out.printf(
          Locale.ROOT,
          "  batches: %,d, mean %.0f transfers per commit%n",
          batches.count(),
          batches.mean());
    }
    System.out.println("  cpu: " + cpu);
  }
}
