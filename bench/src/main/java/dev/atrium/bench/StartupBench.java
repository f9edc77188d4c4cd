package dev.atrium.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Server start to ready: spawns {@code java -jar atrium-server.jar serve} again and again and
 * measures the wall time from spawning the process until {@code GET /health/ready} answers 200.
 */
@Command(
    name = "startup",
    mixinStandardHelpOptions = true,
    description = {
      "Measures server start to ready: wall time from spawning `java -jar atrium-server.jar serve`",
      "until GET /health/ready answers 200, over several runs, each on a free loopback port with",
      "fresh data (a new data directory, or a new PostgreSQL schema).",
    })
public final class StartupBench implements Callable<Integer> {
  static final long TARGET_MILLIS = 2000;
  private static final Pattern READY_LINE = Pattern.compile("ready in (\\d+) ms");
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  enum State {
    fresh,
    reused
  }

  /** Class-data sharing for the server's own classes, as ./atrium run sets it up. */
  enum Sharing {
    off,
    cds,
    aot
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--server-jar",
      paramLabel = "JAR",
      description = "Server jar (default: ${DEFAULT-VALUE}).")
  Path serverJar = Path.of("server/target/atrium-server.jar");

  @Option(names = "--runs", description = "Measured runs, 1..100 (default: ${DEFAULT-VALUE}).")
  int runs = 10;

  @Option(
      names = "--warmup",
      description =
          "Unmeasured runs first, 0..10 (default: ${DEFAULT-VALUE}); they warm the "
              + "OS file cache and let -XX:+AutoCreateSharedArchive write its archive.")
  int warmup = 1;

  @Option(
      names = "--database",
      paramLabel = "sqlite|URL",
      description = "`sqlite` (default) or postgresql://user:password@host:port/database.")
  String database = "sqlite";

  @Option(
      names = "--state",
      description =
          "fresh (default): new data dir / PostgreSQL schema per run, as on a first "
              + "start; reused: one kept across runs, so runs after the first are restarts of a migrated node.")
  State state = State.fresh;

  @Option(
      names = "--java",
      paramLabel = "JAVA",
      description = "java binary for the server (default: this JVM's).")
  Path javaBinary =
      ProcessHandle.current()
          .info()
          .command()
          .map(Path::of)
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));

  @Option(
      names = "--jvm-arg",
      paramLabel = "ARG",
      description =
          "Extra JVM option for the server, repeatable, e.g. "
              + "--jvm-arg=-XX:SharedArchiveFile=x.jsa --jvm-arg=-XX:+AutoCreateSharedArchive.")
  List<String> jvmArgs = new ArrayList<>();

  @Option(
      names = "--sharing",
      paramLabel = "off|cds|aot",
      description = {
        "off (default): the JDK's own CDS archive only.",
        "cds: a dynamic app CDS archive in a temp dir (-XX:SharedArchiveFile -XX:+AutoCreateSharedArchive), "
            + "written when the first run exits.",
        "aot: JDK 25+ AOT cache: the first (warm-up) run records it (-XX:AOTCacheOutput), later runs use it "
            + "(-XX:AOTCache). Needs --warmup >= 1."
      })
  Sharing sharing = Sharing.off;

  @Option(
      names = "--timeout-seconds",
      description = "Per-run limit to become ready, 1..300 (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds = 30;

  @Option(
      names = "--busy-retries",
      description =
          "On a shared machine: repeat a measured run when other processes "
              + "used more than 10%% of the CPU during it (after a 5 s pause), at most this many times in all, 0..200 (default: ${DEFAULT-VALUE}).")
  int busyRetries = 0;

  @Option(
      names = "--poll-millis",
      description = "Readiness poll interval, 1..100 ms (default: ${DEFAULT-VALUE}).")
  int pollMillis = 5;

  private final AtomicReference<Process> running = new AtomicReference<>();

  /** Schemas that exist now, dropped by the shutdown hook if the benchmark is interrupted. */
  private final Set<String> liveSchemas = ConcurrentHashMap.newKeySet();

  private volatile boolean finished;

  /** Guards {@link #stopping}: no server is spawned and no schema created once cleanup began. */
  private final Object lifecycle = new Object();

  private boolean stopping;

  /** Runs where other processes used more than this share of the machine are flagged. */
  static final double BUSY_SHARE = 0.10;

  private static final Duration BUSY_PAUSE = Duration.ofSeconds(5);

  record Run(
      int number,
      boolean warmup,
      long spawnToReadyMillis,
      OptionalLong reportedMillis,
      long stopMillis,
      OptionalDouble otherCpu) {
    boolean disturbed() {
      return otherCpu.isPresent() && otherCpu.getAsDouble() > BUSY_SHARE;
    }
  }

  @Override
  public Integer call() throws Exception {
    validate();
    Path work = Files.createTempDirectory("atrium-bench-startup-");
    PostgresSchemas postgres = database.equals("sqlite") ? null : new PostgresSchemas(database);
    // Interrupted (Ctrl-C, SIGTERM): stop the server and leave no data dir or schema behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (finished) {
                    return;
                  }
                  Process process;
                  synchronized (lifecycle) {
                    stopping = true;
                    process = running.get();
                  }
                  if (process != null) {
                    process.destroyForcibly();
                    try {
                      process.waitFor(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  for (String schema : liveSchemas) {
                    try {
                      postgres.drop(schema);
                    } catch (Exception e) {
                      System.err.println(
                          "warning: could not drop schema " + schema + ": " + e.getMessage());
                    }
                  }
                  BenchServer.deleteTree(work);
                },
                "bench-cleanup"));
    List<String> serverJvmArgs = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
    switch (sharing) {
      case off -> {}
      case cds ->
          serverJvmArgs.addAll(
              List.of(
                  "-Xlog:cds*=off",
                  "-XX:SharedArchiveFile=" + work.resolve("atrium.jsa"),
                  "-XX:+AutoCreateSharedArchive"));
      case aot ->
          serverJvmArgs.addAll(
              List.of("-Xlog:aot*=off,cds*=off", "-XX:AOTCache=" + work.resolve("atrium.aot")));
    }
    serverJvmArgs.addAll(jvmArgs);

    printConditions(serverJvmArgs, postgres);
    try (HttpClient http = newHttpClient()) {
      warmUpHttpClient(http);
    }

    String schemaPrefix = "atrium_bench_" + ProcessHandle.current().pid() + "_";
    Path sharedDataDir = work.resolve("data");
    String sharedUrl =
        state == State.reused && postgres != null
            ? createSchema(postgres, schemaPrefix + "shared")
            : null;
    List<Run> results = new ArrayList<>();
    int retriesLeft = busyRetries;
    System.out.printf(
        "%n%4s  %-8s  %13s  %15s  %9s  %s%n",
        "run",
        "kind",
        "spawn->ready",
        "server-reported",
        "stop",
        "other processes' CPU while starting");
    try {
      for (int i = 1 - warmup; i <= runs; i++) {
        boolean isWarmup = i <= 0;
        String label = isWarmup ? "w" + (i + warmup) : String.valueOf(i);
        Path dataDir = state == State.fresh ? work.resolve("data-" + label) : sharedDataDir;
        String schema = schemaPrefix + label;
        String url = "";
        if (postgres != null) {
          url = state == State.fresh ? createSchema(postgres, schema) : sharedUrl;
        }
        try {
          Run run =
              runOnce(
                  i,
                  isWarmup,
                  serverJvmArgs,
                  dataDir,
                  url,
                  work.resolve("server-" + label + ".log"));
          boolean repeat = !isWarmup && run.disturbed() && retriesLeft > 0;
          System.out.printf(
              "%4s  %-8s  %10d ms  %12s ms  %6d ms  %s%n",
              label,
              isWarmup ? "warm-up" : repeat ? "dropped" : "measured",
              run.spawnToReadyMillis(),
              run.reportedMillis().isPresent() ? run.reportedMillis().getAsLong() : "?",
              run.stopMillis(),
              run.otherCpu().isPresent()
                  ? String.format(
                      "%3.0f%%%s",
                      100 * run.otherCpu().getAsDouble(),
                      repeat ? "  (busy: repeating the run)" : run.disturbed() ? "  (busy)" : "")
                  : "?");
          if (repeat) {
            retriesLeft--;
            i--;
            Thread.sleep(BUSY_PAUSE.toMillis());
          } else {
            results.add(run);
          }
        } finally {
          if (state == State.fresh) {
            BenchServer.deleteTree(dataDir);
            if (postgres != null) {
              dropSchema(postgres, schema);
            }
          }
        }
      }
    } catch (RunFailed e) {
      finished = true; // keeps the logs
      System.out.println();
      System.out.println("FAILED: " + e.getMessage());
      System.out.println("server log kept in " + work);
      return 1;
    } finally {
      if (sharedUrl != null) {
        dropSchema(postgres, schemaPrefix + "shared");
      }
    }
    printSummary(results);
    BenchServer.deleteTree(work);
    finished = true;
    return 0;
  }

  private String createSchema(PostgresSchemas postgres, String schema)
      throws SQLException, RunFailed {
    synchronized (lifecycle) {
      if (stopping) {
        throw new RunFailed("interrupted");
      }
      liveSchemas.add(schema);
      return postgres.create(schema);
    }
  }

  private void dropSchema(PostgresSchemas postgres, String schema) throws SQLException {
    postgres.drop(schema);
    liveSchemas.remove(schema);
  }

  private void validate() {
    if (runs < 1 || runs > 100) {
      throw new ParameterException(spec.commandLine(), "--runs must be 1..100");
    }
    if (warmup < 0 || warmup > 10) {
      throw new ParameterException(spec.commandLine(), "--warmup must be 0..10");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 300) {
      throw new ParameterException(spec.commandLine(), "--timeout-seconds must be 1..300");
    }
    if (busyRetries < 0 || busyRetries > 200) {
      throw new ParameterException(spec.commandLine(), "--busy-retries must be 0..200");
    }
    if (pollMillis < 1 || pollMillis > 100) {
      throw new ParameterException(spec.commandLine(), "--poll-millis must be 1..100");
    }
    if (sharing == Sharing.aot && warmup < 1) {
      throw new ParameterException(
          spec.commandLine(), "--sharing aot records the cache in a warm-up run: --warmup >= 1");
    }
    if (!Files.isRegularFile(serverJar)) {
      throw new ParameterException(
          spec.commandLine(),
          "No server jar at "
              + serverJar.toAbsolutePath()
              + "; build it first (./atrium bench builds it).");
    }
    if (!Files.isExecutable(javaBinary)) {
      throw new ParameterException(
          spec.commandLine(), "--java " + javaBinary + " is not an executable");
    }
    if (!database.equals("sqlite")) {
      try {
        new PostgresSchemas(database);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--database: " + e.getMessage());
      }
    }
  }

  private Run runOnce(
      int number,
      boolean isWarmup,
      List<String> serverJvmArgs,
      Path dataDir,
      String databaseUrl,
      Path log)
      throws IOException, InterruptedException, RunFailed {
    int port = BenchServer.freeLoopbackPort();
    List<String> command = new ArrayList<>();
    command.add(javaBinary.toString());
    for (String arg : serverJvmArgs) {
      // The AOT cache is recorded by the first run and used by the others.
      boolean recordAot =
          sharing == Sharing.aot && number == 1 - warmup && arg.startsWith("-XX:AOTCache=");
      command.add(recordAot ? arg.replace("-XX:AOTCache=", "-XX:AOTCacheOutput=") : arg);
    }
    command.addAll(List.of("-jar", serverJar.toAbsolutePath().toString(), "serve"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("ATRIUM_CONFIG");
    env.put("ATRIUM_HOST", "127.0.0.1");
    env.put("ATRIUM_PORT", String.valueOf(port));
    env.put("ATRIUM_DATA_DIR", dataDir.toString());
    env.put("ATRIUM_DATABASE_URL", databaseUrl);
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();

    // A client per run, closed once ready: an idle keep-alive connection would hold up the
    // server's graceful shutdown and so the stop time.
    HttpClient http = newHttpClient();
    OtherCpu otherCpu = OtherCpu.start();
    long start;
    Process process;
    synchronized (lifecycle) {
      if (stopping) {
        throw new RunFailed("interrupted");
      }
      start = System.nanoTime();
      process = builder.start();
      running.set(process);
    }
    try {
      long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (true) {
        if (!process.isAlive()) {
          throw new RunFailed(
              "run "
                  + number
                  + ": the server exited with status "
                  + process.exitValue()
                  + " before it was ready. Last output:\n"
                  + tail(log));
        }
        if (System.nanoTime() > deadline) {
          throw new RunFailed(
              "run "
                  + number
                  + ": not ready within "
                  + timeoutSeconds
                  + " s. Last output:\n"
                  + tail(log));
        }
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // Not listening yet.
        }
        Thread.sleep(pollMillis);
      }
      long spawnToReady = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      Optional<Duration> serverCpu = process.info().totalCpuDuration();
      OptionalDouble others =
          otherCpu == null || serverCpu.isEmpty()
              ? OptionalDouble.empty()
              : otherCpu.share(serverCpu.get());
      http.shutdownNow();
      OptionalLong reported = reportedReadyMillis(log);
      long stopStart = System.nanoTime();
      stop(process);
      long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart);
      return new Run(number, isWarmup, spawnToReady, reported, stopMillis, others);
    } finally {
      http.shutdownNow();
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      running.set(null);
    }
  }

  /**
   * SIGTERM, as Ctrl-C would: the shutdown hook closes the node (and writes a CDS archive if
   * asked).
   */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /**
   * The server prints "ready in N ms" (from JVM start) just after it starts answering; wait briefly
   * for it.
   */
  private static OptionalLong reportedReadyMillis(Path log)
      throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      Matcher matcher = READY_LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (matcher.find()) {
        return OptionalLong.of(Long.parseLong(matcher.group(1)));
      }
      Thread.sleep(10);
    }
    return OptionalLong.empty();
  }

  private void printConditions(List<String> serverJvmArgs, PostgresSchemas postgres) {
    String jar = serverJar.toAbsolutePath().normalize().toString();
    String built;
    try {
      built =
          DateTimeFormatter.ISO_LOCAL_DATE_TIME
              .withZone(ZoneOffset.UTC)
              .format(
                  Files.getLastModifiedTime(serverJar).toInstant().truncatedTo(ChronoUnit.SECONDS));
    } catch (IOException e) {
      built = "?";
    }
    boolean appCds = serverJvmArgs.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    boolean aot = serverJvmArgs.stream().anyMatch(a -> a.startsWith("-XX:AOTCache"));
    String sharingText =
        aot
            ? "JDK AOT cache ("
                + (sharing == Sharing.aot
                    ? "recorded by the first warm-up run with -XX:AOTCacheOutput, used by the rest"
                    : "as given")
                + ")"
            : appCds
                ? "app CDS archive"
                    + (serverJvmArgs.contains("-XX:+AutoCreateSharedArchive")
                        ? " (dynamic, auto-created: the first run writes it on exit)"
                        : "")
                : "off (the JDK's default CDS archive for JDK classes only)";
    String databaseText = postgres == null ? "SQLite" : "PostgreSQL " + postgresVersion(postgres);
    databaseText +=
        state == State.fresh
            ? (postgres == null
                ? ", new data dir per run"
                : ", new empty schema per run (all migrations each run)")
            : (postgres == null ? ", one data dir for all runs" : ", one schema for all runs")
                + " (the first run migrates; later runs are restarts)";
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    System.out.println(
        "Atrium startup benchmark: server start to ready (target <= " + TARGET_MILLIS + " ms)");
    System.out.println("  date:       " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    System.out.println("  server jar: " + jar + " (built " + built + " UTC)");
    System.out.println("  java:       " + javaBinary + " - " + javaVersion());
    System.out.println("  jvm args:   " + String.join(" ", serverJvmArgs));
    System.out.println("  sharing:    " + sharingText);
    System.out.println("  database:   " + databaseText);
    System.out.printf(
        "  machine:    %d cores, %.1f GiB RAM, %s %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"));
    System.out.println(
        "  runs:       "
            + runs
            + " measured after "
            + warmup
            + " warm-up; poll every "
            + pollMillis
            + " ms; "
            + timeoutSeconds
            + " s limit per run"
            + (busyRetries > 0
                ? "; up to "
                    + busyRetries
                    + " runs repeated when other processes used > 10% of the CPU"
                : ""));
  }

  private String javaVersion() {
    try {
      Process process =
          new ProcessBuilder(javaBinary.toString(), "-version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      return output.lines().skip(1).findFirst().orElse(output.strip());
    } catch (IOException e) {
      return "? (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private static String postgresVersion(PostgresSchemas postgres) {
    try {
      return postgres.serverVersion();
    } catch (Exception e) {
      return "(version unknown: " + e.getMessage() + ")";
    }
  }

  private void printSummary(List<Run> results) {
    List<Run> measured = results.stream().filter(r -> !r.warmup()).toList();
    Stats wall = Stats.of(measured.stream().map(Run::spawnToReadyMillis).toList());
    List<Long> reported =
        measured.stream()
            .map(Run::reportedMillis)
            .filter(OptionalLong::isPresent)
            .map(OptionalLong::getAsLong)
            .toList();
    Stats stop = Stats.of(measured.stream().map(Run::stopMillis).toList());
    System.out.println();
    System.out.println("spawn->ready (ms):    " + wall.line());
    if (!reported.isEmpty()) {
      System.out.println("server-reported (ms): " + Stats.of(reported).line());
    }
    System.out.println("stop on SIGTERM (ms): " + stop.line());
    System.out.printf(
        "target spawn->ready <= %d ms: p50 %s, p90 %s%n",
        TARGET_MILLIS,
        wall.p50() <= TARGET_MILLIS ? "met" : "MISSED",
        wall.p90() <= TARGET_MILLIS ? "met" : "MISSED");
    long disturbed = measured.stream().filter(Run::disturbed).count();
    if (disturbed > 0) {
      System.out.printf(
          "WARNING: in %d of %d measured runs other processes used more than %.0f%% of the machine; "
              + "those timings are inflated. Rerun on a quiet machine.%n",
          disturbed, measured.size(), 100 * BUSY_SHARE);
    }
  }

  private static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1))
        .build();
  }

  /**
   * An HTTP exchange before measuring, so the client's own class loading is not counted in run 1.
   */
  private static void warmUpHttpClient(HttpClient http) throws IOException, InterruptedException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      http.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding());
    } finally {
      server.stop(0);
    }
    try {
      http.send(
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + BenchServer.freeLoopbackPort() + "/"))
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException expected) {
      // Connection refused: also warms the failure path the poll takes until the server listens.
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** A run that did not reach ready; the benchmark stops there. */
  static final class RunFailed extends Exception {
    RunFailed(String message) {
      super(message);
    }
  }
}
