package dev.atrium.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Idle connections: how many authenticated WebSockets one server node holds and what each costs it
 * in memory. The client sockets are spread over K child load-generator processes (each socket costs
 * a client a file descriptor too); the server's RSS and heap (after a full GC) are read before and
 * after they connect.
 */
@Command(
    name = "connections",
    mixinStandardHelpOptions = true,
    description = {
      "Idle authenticated WebSockets one server holds, and server memory per connection (RSS and heap",
      "after a full GC, before and after connecting). Client sockets are spread over child processes."
    })
public final class ConnectionsBench implements Callable<Integer> {
  static final int TARGET_CONNECTIONS = 19_000;
  static final long TARGET_BYTES_PER_CONNECTION = 20 * 1024;

  @Spec CommandSpec spec;
  @Mixin ServerOptions server = new ServerOptions();

  @Option(
      names = "--connections",
      description = "Sockets to open in all, 1..19500 (default: ${DEFAULT-VALUE}).")
  int connections = TARGET_CONNECTIONS;

  @Option(
      names = "--per-process",
      description = "Sockets per load-generator process, 1..5000 (default: ${DEFAULT-VALUE}).")
  int perProcess = 5000;

  @Option(
      names = "--hold-seconds",
      description =
          "How long to keep them open after measuring, to see they stay "
              + "open past the server's idle timeout, 0..600 (default: ${DEFAULT-VALUE}).")
  int holdSeconds = 100;

  @Option(
      names = "--worker-heap",
      description = "-Xmx of each load-generator process (default: ${DEFAULT-VALUE}).")
  String workerHeap = "1g";

  @Option(
      names = "--setup-parallelism",
      description = "Concurrent logins per process, 1..64 (default: ${DEFAULT-VALUE}).")
  int setupParallelism = 4;

  record Worker(Process process, Writer stdin, BlockingQueue<String> lines, int count) {}

  @Override
  public Integer call() throws Exception {
    if (connections < 1 || connections > 19_500) {
      throw new ParameterException(spec.commandLine(), "--connections must be 1..19500");
    }
    if (perProcess < 1 || perProcess > 5000) {
      throw new ParameterException(spec.commandLine(), "--per-process must be 1..5000");
    }
    if (holdSeconds < 0 || holdSeconds > 600) {
      throw new ParameterException(spec.commandLine(), "--hold-seconds must be 0..600");
    }
    System.out.println(
        "Atrium idle connections benchmark (target >= "
            + TARGET_CONNECTIONS
            + " connections at <= "
            + TARGET_BYTES_PER_CONNECTION / 1024
            + " KiB each)");
    Conditions.print(server);
    int processes = (connections + perProcess - 1) / perProcess;
    System.out.printf(
        "  %d connections over %d load-generator processes (-Xmx%s); open-file limit of this process "
            + "%s%n",
        connections, processes, workerHeap, openFileLimit());
    Map<String, String> env =
        Map.of(
            "ATRIUM_DEVICES_PER_ACCOUNT_MAX",
            String.valueOf(ConnectionsWorker.DEVICES_PER_ACCOUNT));
    List<Worker> workers = new ArrayList<>();
    try (BenchServer node = BenchServer.start(server, env);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      System.out.println("  server: " + node.description);
      Path jar =
          Path.of(
              ConnectionsBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String prefix = "c" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
      long start = System.nanoTime();
      for (int k = 0; k < processes; k++) {
        int count = Math.min(perProcess, connections - k * perProcess);
        Process process =
            new ProcessBuilder(
                    server.javaBinary.toString(),
                    "-Xmx" + workerHeap,
                    "-jar",
                    jar.toString(),
                    "connections-worker",
                    "--url",
                    node.uri.toString(),
                    "--prefix",
                    prefix + "w" + k,
                    "--count",
                    String.valueOf(count),
                    "--hold-seconds",
                    String.valueOf(holdSeconds + 900),
                    "--parallelism",
                    String.valueOf(setupParallelism))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Runtime.getRuntime()
            .addShutdownHook(new Thread(process::destroyForcibly, "bench-stop-worker"));
        System.out.println(
            "  load-generator process " + k + ": pid " + process.pid() + ", " + count + " sockets");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader reader =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                      lines.add(line);
                    }
                  } catch (java.io.IOException e) {
                    // process gone
                  }
                  lines.add("EOF");
                });
        workers.add(
            new Worker(
                process,
                new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8),
                lines,
                count));
      }
      for (Worker worker : workers) {
        expect(worker, "TOKENS", 900);
      }
      System.out.printf(
          "setup: %d device tokens in %.0f s%n", connections, (System.nanoTime() - start) / 1e9);

      Memory before = measure(node, http);
      System.out.println("before: " + before.line());
      String loadBefore = BenchServer.loadAverage();
      System.out.println(
          "connecting "
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + " (load average "
              + loadBefore
              + ")");
      start = System.nanoTime();
      for (Worker worker : workers) {
        worker.stdin().write("CONNECT\n");
        worker.stdin().flush();
      }
      long opened = 0;
      long failed = 0;
      for (Worker worker : workers) {
        String[] parts = expect(worker, "OPENED", 900).split(" ", -1);
        opened += Long.parseLong(parts[1]);
        failed += Long.parseLong(parts[3]);
      }
      double connectSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("opened %d (failed %d) in %.1f s%n", opened, failed, connectSeconds);
      Thread.sleep(5000);
      Memory after = measure(node, http);
      System.out.println("after:  " + after.line());
      String loadAfter = BenchServer.loadAverage();
      long held = opened;
      long perConnectionRss =
          after.rss().isPresent() && before.rss().isPresent() && opened > 0
              ? (after.rss().getAsLong() - before.rss().getAsLong()) / opened
              : Long.MAX_VALUE;
      System.out.println();
      System.out.printf("connections open and authenticated: %d of %d asked%n", held, connections);
      if (held > 0) {
        if (after.rss().isPresent() && before.rss().isPresent()) {
          System.out.printf(
              "server RSS per connection:  %.1f KiB%n",
              (after.rss().getAsLong() - before.rss().getAsLong()) / 1024.0 / held);
        }
        if (after.heap().isPresent() && before.heap().isPresent()) {
          System.out.printf(
              "server heap per connection: %.1f KiB (after a full GC)%n",
              (after.heap().getAsLong() - before.heap().getAsLong()) / 1024.0 / held);
        }
      }
      List<Long> workerRss =
          workers.stream().map(w -> BenchServer.rssBytes(w.process().pid()).orElse(0)).toList();
      System.out.printf(
          "load-generator RSS: %s MiB (%.1f KiB per client socket)%n",
          workerRss.stream().map(b -> String.valueOf(b / 1048576)).toList(),
          workerRss.stream().mapToLong(Long::longValue).sum() / 1024.0 / Math.max(1, held));
      System.out.println("load average before/after connecting: " + loadBefore + " / " + loadAfter);
      if (holdSeconds > 0) {
        System.out.println(
            "holding "
                + holdSeconds
                + " s (clients ping every 20 s; the server closes sockets idle "
                + "90 s) ...");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
        while (System.nanoTime() < deadline) {
          Thread.sleep(1000);
          if (!node.isAlive()) {
            throw new IllegalStateException("server died:\n" + node.tail());
          }
        }
        long open = 0;
        for (Worker worker : workers) {
          String status = null;
          for (String line; (line = worker.lines().poll()) != null; ) {
            if (line.startsWith("STATUS")) {
              status = line;
            }
          }
          open += status == null ? 0 : Long.parseLong(status.split(" ", -1)[2]);
        }
        System.out.printf(
            "still open after %d s (clients' last count, every 10 s): %d; server open files %d%n",
            holdSeconds, open, node.openFiles());
        held = Math.min(held, open);
      }
      System.out.printf(
          "target >= %d connections: %s; target <= %d KiB each (RSS): %s%n",
          TARGET_CONNECTIONS,
          held >= TARGET_CONNECTIONS ? "met" : "MISSED",
          TARGET_BYTES_PER_CONNECTION / 1024,
          perConnectionRss <= TARGET_BYTES_PER_CONNECTION ? "met" : "MISSED");
      return 0;
    } finally {
      for (Worker worker : workers) {
        try {
          worker.stdin().write("STOP\n");
          worker.stdin().close();
        } catch (java.io.IOException e) {
          // gone already
        }
      }
      for (Worker worker : workers) {
        if (!worker.process().waitFor(30, TimeUnit.SECONDS)) {
          worker.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  record Memory(OptionalLong rss, OptionalLong heap, long openFiles, boolean gc) {
    String line() {
      return String.format(
          "server RSS %s MiB, heap used %s MiB%s, open files %d",
          rss.isPresent() ? String.format("%.1f", rss.getAsLong() / 1048576.0) : "?",
          heap.isPresent() ? String.format("%.1f", heap.getAsLong() / 1048576.0) : "?",
          gc ? " (after jcmd GC.run)" : " (no GC forced)",
          openFiles);
    }
  }

  private static Memory measure(BenchServer node, HttpClient http) throws InterruptedException {
    boolean gc = node.gc();
    Thread.sleep(2000);
    return new Memory(node.rssBytes(), node.heapUsedBytes(http), node.openFiles(), gc);
  }

  private static String expect(Worker worker, String prefix, int timeoutSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      String line = worker.lines().poll(1, TimeUnit.SECONDS);
      if (line == null) {
        continue;
      }
      if (line.startsWith(prefix)) {
        return line;
      }
      if (line.equals("EOF")) {
        throw new IllegalStateException("a load-generator process exited before " + prefix);
      }
    }
    throw new IllegalStateException(
        "no " + prefix + " from a load-generator process within " + timeoutSeconds + " s");
  }

  private static String openFileLimit() {
    try {
      return java.nio.file.Files.readAllLines(Path.of("/proc/self/limits")).stream()
          .filter(l -> l.startsWith("Max open files"))
          .findFirst()
          .map(l -> l.replaceAll("\\s+", " ").substring(15))
          .orElse("?");
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
