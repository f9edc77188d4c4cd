package dev.atrium.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.Main;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.ContactModels.RequestOutcome;
import dev.atrium.sdk.MessagingModels.Conversation;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.WalletModels.TopUp;
import dev.atrium.sdk.WalletModels.Transfer;
import dev.atrium.testing.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Crash safety: a real server process moves money under concurrent load (top-ups and chat
 * transfers), is killed with SIGKILL mid-stream, and restarted on the same data. Afterwards the
 * ledger balances, every acknowledged payment is there, and retrying every request with its key
 * moves each amount exactly once.
 */
class WalletCrashIntegrationTest {
  private static final Duration LOAD = Duration.ofSeconds(3);
  private static final int THREADS = 8;
  private static final String PIN = "246802";

  @Test
  void killDashNine_underLoad_losesAndDuplicatesNothing() throws Exception {
    Path dataDir = Files.createTempDirectory("atrium-crash-");
    String schema = "crash_" + Long.toHexString(System.nanoTime());
    String postgresUrl = System.getenv("ATRIUM_TEST_DATABASE_URL");
    boolean postgres = postgresUrl != null && !postgresUrl.isBlank();
    Path config = writeConfig(dataDir, postgres ? postgresUrl : null, schema);
    int port = freePort();
    Process server = startServer(config, port, dataDir);
    try {
      AtriumClient anonymous = AtriumClient.connect(URI.create("http://127.0.0.1:" + port));
      Session alice = register(anonymous, "crash_alice");
      Session bob = register(anonymous, "crash_bob");
      String chat = directChat(anonymous, alice, bob);
      AtriumClient aliceClient = anonymous.as(alice);
      aliceClient.wallet().setPin(PIN, null, null);
      aliceClient.wallet().sandboxTopUp(100_000, "seed");

      Map<String, Long> topUpKeys = new ConcurrentHashMap<>();
      Map<String, Long> transferKeys = new ConcurrentHashMap<>();
      Map<String, String> acknowledgedTopUps = new ConcurrentHashMap<>();
      Map<String, String> acknowledgedTransfers = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      for (int t = 0; t < THREADS; t++) {
        boolean topUps = t % 2 == 0;
        threads.execute(
            () ->
                load(
                    aliceClient,
                    chat,
                    topUps,
                    running,
                    topUpKeys,
                    transferKeys,
                    acknowledgedTopUps,
                    acknowledgedTransfers));
      }
      Thread.sleep(LOAD.toMillis());
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      running.set(false);
      threads.shutdown();
      assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(acknowledgedTopUps).isNotEmpty();
      assertThat(acknowledgedTransfers).isNotEmpty();

      server = startServer(config, port, dataDir);
      assertThat(ledgerCheck(config)).isZero();
      for (Map.Entry<String, String> acknowledged : acknowledgedTopUps.entrySet()) {
        TopUp again =
            aliceClient
                .wallet()
                .sandboxTopUp(topUpKeys.get(acknowledged.getKey()), acknowledged.getKey());
        assertThat(again.postingId()).isEqualTo(acknowledged.getValue());
      }
      for (Map.Entry<String, String> acknowledged : acknowledgedTransfers.entrySet()) {
        assertThat(aliceClient.wallet().transfer(acknowledged.getValue()).status())
            .isEqualTo("pending");
      }
      // Clients retry what got no answer; every key then moved its amount exactly once.
      topUpKeys.forEach((key, cents) -> aliceClient.wallet().sandboxTopUp(cents, key));
      transferKeys.forEach(
          (key, cents) -> aliceClient.wallet().sendTransfer(chat, cents, null, PIN, key));
      long expected =
          100_000
              + topUpKeys.values().stream().mapToLong(Long::longValue).sum()
              - transferKeys.values().stream().mapToLong(Long::longValue).sum();
      assertThat(aliceClient.wallet().get().balanceCents()).isEqualTo(expected);
      assertThat(ledgerCheck(config)).isZero();
    } finally {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      if (postgres) {
        dropSchema(postgresUrl, schema);
      }
    }
  }

  private static void load(
      AtriumClient client,
      String chat,
      boolean topUps,
      AtomicBoolean running,
      Map<String, Long> topUpKeys,
      Map<String, Long> transferKeys,
      Map<String, String> acknowledgedTopUps,
      Map<String, String> acknowledgedTransfers) {
    while (running.get()) {
      String key = UUID.randomUUID().toString();
      try {
        if (topUps) {
          topUpKeys.put(key, 7L);
          acknowledgedTopUps.put(key, client.wallet().sandboxTopUp(7, key).postingId());
        } else {
          transferKeys.put(key, 3L);
          Transfer transfer = client.wallet().sendTransfer(chat, 3, null, PIN, key);
          acknowledgedTransfers.put(key, transfer.id());
        }
      } catch (AtriumApiException | UncheckedIOException | IllegalStateException e) {
        // The server died mid-request: no answer, so the client will retry this key.
        if (!running.get()) {
          return;
        }
      }
    }
  }

  private static Process startServer(Path config, int port, Path dataDir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
    builder.environment().put("ATRIUM_PORT", Integer.toString(port));
    Process process = builder.start();
    AtriumClient client = AtriumClient.connect(URI.create("http://127.0.0.1:" + port));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (client.isReady()) {
          return process;
        }
      } catch (RuntimeException e) {
        // Not listening yet.
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "Server exited: " + Files.readString(dataDir.resolve("server.log")));
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new AssertionError("Server did not become ready");
  }

  private static Path writeConfig(Path dataDir, String postgresUrl, String schema)
      throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("server:\n  host: \"127.0.0.1\"\n");
    yaml.append("storage:\n  dataDir: \"").append(dataDir).append("\"\n");
    if (postgresUrl != null) {
      yaml.append("  databaseUrl: \"").append(postgresUrl).append("\"\n");
      yaml.append("  databaseSchema: \"").append(schema).append("\"\n");
    }
    yaml.append("wallet:\n  sandboxTopUpEnabled: true\n  paymentCentsMax: 100000000\n")
        .append("  dailyOutgoingCentsMax: 1000000000\n");
    yaml.append("security:\n  argon2:\n    memoryKibibytes: 8192\n    iterations: 1\n");
    yaml.append("rateLimits:\n  registrationPerIp: 1000/1h\n  loginPerIp: 1000/1h\n");
    Path file = dataDir.resolve("crash-config.yml");
    Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private static int ledgerCheck(Path config) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    int exitCode = commandLine.execute("admin", "ledger-check", "--config", config.toString());
    assertThat(out.toString())
        .as("ledger-check output")
        .contains(exitCode == 0 ? "Ledger balanced" : "");
    return exitCode;
  }

  private static Session register(AtriumClient anonymous, String prefix) {
    String username = prefix + "_" + Long.toHexString(System.nanoTime());
    return anonymous.register(Registration.of(username, TestServer.PASSWORD, prefix));
  }

  private static String directChat(AtriumClient anonymous, Session alice, Session bob) {
    RequestOutcome outcome =
        anonymous.as(alice).contacts().sendRequest(bob.account().username(), "hi");
    anonymous.as(bob).contacts().accept(outcome.request().id());
    Conversation conversation =
        anonymous.as(alice).conversations().createDirect(bob.account().id());
    anonymous
        .as(alice)
        .conversations()
        .send(
            Outgoing.commit(
                    conversation.id(),
                    UUID.randomUUID().toString(),
                    0,
                    "commit".getBytes(StandardCharsets.UTF_8))
                .withWelcome(
                    "welcome".getBytes(StandardCharsets.UTF_8), List.of(bob.device().id())));
    return conversation.id();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void dropSchema(String postgresUrl, String schema) throws Exception {
    dev.atrium.platform.db.PostgresUrl url = dev.atrium.platform.db.PostgresUrl.parse(postgresUrl);
    try (Connection connection =
            DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
