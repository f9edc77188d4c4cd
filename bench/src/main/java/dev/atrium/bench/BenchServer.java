package dev.atrium.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server a load benchmark drives: a child {@code java -jar atrium-server.jar serve} on a free
 * loopback port with fresh data (a new data dir, or a new PostgreSQL schema dropped on close), or a
 * running one given by URL. Also reads the server's memory (RSS, heap after a GC).
 */
final class BenchServer implements AutoCloseable {
  /**
   * The JVM options `./atrium run` gives the server (RUN_JVM_ARGS there); --server-jvm-arg comes
   * later and wins.
   */
  static final List<String> RUN_JVM_ARGS =
      List.of("-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=5");

  /**
   * The benchmark server's configuration: rate limits raised (setup registers and logs in thousands
   * of devices from one address) and Argon2id at its cheapest allowed cost, which only shortens
   * setup; nothing measured hashes a password.
   */
  static final String CONFIG =
      """
      rateLimits:
        loginPerIp: 1000000/1s
        loginPerUsername: 1000000/1s
        registrationPerIp: 1000000/1s
        registrationPerUsername: 1000000/1s
        lookupPerAccount: 1000000/1s
        contactRequestPerAccount: 1000000/1s
      contacts:
        pendingOutgoingRequestsMax: 10000
      security:
        argon2:
          memoryKibibytes: 8192
          iterations: 1
          parallelism: 1
      """;

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern HEAP_LINE =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{([^}]*)}\\s+(\\S+)$");

  final URI uri;
  private final Process process;
  private final Long pid;
  private final Path work;
  private final Path log;
  private final PostgresSchemas postgres;
  private final String schema;
  private final Path javaBinary;
  final String description;

  private BenchServer(
      URI uri,
      Process process,
      Long pid,
      Path work,
      Path log,
      PostgresSchemas postgres,
      String schema,
      Path javaBinary,
      String description) {
    this.uri = uri;
    this.process = process;
    this.pid = pid;
    this.work = work;
    this.log = log;
    this.postgres = postgres;
    this.schema = schema;
    this.javaBinary = javaBinary;
    this.description = description;
  }

  /** Starts (or attaches to) the server the options name and waits until it is ready. */
  static BenchServer start(ServerOptions options, Map<String, String> benchEnv) throws Exception {
    if (options.url != null) {
      String host = options.url.getHost();
      if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
        throw new IllegalArgumentException(
            "--url must be a loopback address (127.0.0.1 or localhost)");
      }
      return new BenchServer(
          options.url,
          null,
          options.serverPid,
          null,
          null,
          null,
          null,
          options.javaBinary,
          "running server at "
              + options.url
              + (options.serverPid == null ? "" : " (pid " + options.serverPid + ")"));
    }
    if (!Files.isRegularFile(options.serverJar)) {
      throw new IllegalArgumentException(
          "No server jar at "
              + options.serverJar.toAbsolutePath()
              + "; build it first (mvn -o -q -B -DskipTests package)");
    }
    Path work = Files.createTempDirectory("atrium-bench-load-");
    Path config = work.resolve("atrium-bench.yml");
    Files.writeString(config, CONFIG);
    Path log = work.resolve("server.log");
    int port = freeLoopbackPort();
    PostgresSchemas postgres = null;
    String schema = null;
    String databaseText = "SQLite (WAL, synchronous=FULL), fresh data dir";
    List<String> command =
        new ArrayList<>(
            List.of(options.javaBinary.toString(), "--enable-native-access=ALL-UNNAMED"));
    command.addAll(RUN_JVM_ARGS);
    command.addAll(options.jvmArgs);
    command.addAll(List.of("-jar", options.serverJar.toAbsolutePath().toString(), "serve"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("ATRIUM_"));
    env.put("ATRIUM_CONFIG", config.toString());
    env.put("ATRIUM_HOST", "127.0.0.1");
    env.put("ATRIUM_PORT", String.valueOf(port));
    env.put("ATRIUM_DATA_DIR", work.resolve("data").toString());
    if (!options.database.equals("sqlite")) {
      postgres = new PostgresSchemas(options.database);
      schema = "bench_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
      postgres.create(schema);
      env.put("ATRIUM_DATABASE_URL", options.database);
      env.put("ATRIUM_DATABASE_SCHEMA", schema);
      databaseText =
          "PostgreSQL "
              + safely(postgres::serverVersion)
              + " ("
              + safely(postgres::durability)
              + "), fresh schema "
              + schema;
    }
    env.putAll(benchEnv);
    env.putAll(options.env);
    Process process = builder.start();
    // If this benchmark is killed, take the server down with it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "bench-stop-server"));
    BenchServer server =
        new BenchServer(
            URI.create("http://127.0.0.1:" + port),
            process,
            process.pid(),
            work,
            log,
            postgres,
            schema,
            options.javaBinary,
            "child server pid "
                + process.pid()
                + ", "
                + databaseText
                + "; jvm args: "
                + String.join(" ", command.subList(1, command.indexOf("-jar")))
                + "; env: "
                + envText(benchEnv, options.env));
    try {
      server.awaitReady();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static String envText(Map<String, String> a, Map<String, String> b) {
    List<String> parts = new ArrayList<>();
    a.forEach((k, v) -> parts.add(k + "=" + v));
    b.forEach((k, v) -> parts.add(k + "=" + v));
    return parts.isEmpty() ? "-" : String.join(" ", parts);
  }

  interface SqlSupplier {
    String get() throws SQLException;
  }

  private static String safely(SqlSupplier supplier) {
    try {
      return supplier.get();
    } catch (SQLException e) {
      return "?";
    }
  }

  private void awaitReady() throws Exception {
    HttpRequest ready =
        HttpRequest.newBuilder(uri.resolve("/health/ready")).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the server exited with " + process.exitValue() + ":\n" + tail());
        }
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(
        "the server was not ready within " + READY_TIMEOUT.toSeconds() + " s:\n" + tail());
  }

  OptionalLong pid() {
    return pid == null ? OptionalLong.empty() : OptionalLong.of(pid);
  }

  /** VmRSS of the server process in bytes, or empty. */
  OptionalLong rssBytes() {
    return pid == null ? OptionalLong.empty() : rssBytes(pid);
  }

  static OptionalLong rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or gone
    }
    return OptionalLong.empty();
  }

  /** Asks the server JVM for a full GC (jcmd GC.run); false when it could not. */
  boolean gc() {
    if (pid == null) {
      return false;
    }
    Path jcmd = javaBinary.resolveSibling("jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Heap in use by the server, summed over heap pools, from its /metrics; or empty. */
  OptionalLong heapUsedBytes(HttpClient http) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri.resolve("/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? heapUsed(response.body()) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /** Sums {@code jvm_memory_used_bytes{area="heap",...}} of a Prometheus scrape. */
  static OptionalLong heapUsed(String scrape) {
    Matcher matcher = HEAP_LINE.matcher(scrape);
    double sum = 0;
    boolean found = false;
    while (matcher.find()) {
      if (matcher.group(1).contains("area=\"heap\"")) {
        sum += Double.parseDouble(matcher.group(2));
        found = true;
      }
    }
    return found ? OptionalLong.of((long) sum) : OptionalLong.empty();
  }

  /**
   * The lines of the server's /metrics whose metric name contains {@code part} (for the report).
   */
  List<String> metrics(String part) {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri.resolve("/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body().lines().filter(l -> !l.startsWith("#") && l.contains(part)).toList();
    } catch (IOException e) {
      return List.of("(metrics unavailable: " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Open file descriptors of the server process, or -1. */
  long openFiles() {
    if (pid == null) {
      return -1;
    }
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }

  boolean isAlive() {
    return process == null || process.isAlive();
  }

  String tail() {
    if (log == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Log lines matching a pattern (for warnings the server printed during the run). */
  long countLogLines(String contains) {
    if (log == null) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains(contains)).count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (postgres != null && schema != null) {
      try {
        postgres.drop(schema);
      } catch (SQLException e) {
        System.err.println("warning: could not drop schema " + schema + ": " + e.getMessage());
      }
    }
    if (work != null && !Boolean.getBoolean("atrium.bench.keepWork")) {
      deleteTree(work);
    }
  }

  static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", -1);
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  /** Deletes a directory and everything in it; a missing one is fine, a failure only warns. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("warning: could not delete " + root + ": " + e.getMessage());
    }
  }
}
