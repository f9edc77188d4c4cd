package dev.atrium.app;

import dev.atrium.platform.config.ConfigException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of the server jar: {@code serve} runs a node, {@code admin ...} operates one.
 */
@Command(
    name = "atrium",
    mixinStandardHelpOptions = true,
    version = "Atrium " + AtriumConfig.VERSION,
    description = "Self-hostable, end-to-end encrypted super-app server.",
    subcommands = {Main.Serve.class, AdminCommands.class})
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException) {
            cmd.getErr().println("Configuration error: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    System.exit(commandLine.execute(args));
  }

  /** Options shared by every command that opens the node's data. */
  static final class ConfigOption {
    @Option(
        names = "--config",
        description = "YAML configuration file (default: $ATRIUM_CONFIG if set).")
    Path configFile;

    AtriumConfig load() {
      return AtriumConfig.load(configFile, System.getenv());
    }
  }

  @Command(
      name = "serve",
      description = "Run the server until stopped (Ctrl-C or SIGTERM stop it gracefully).")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @Override
    public Integer call() throws InterruptedException {
      AtriumConfig loaded = config.load();
      Atrium atrium = Wiring.start(loaded, Clock.systemUTC(), List.of());
      long readyMillis =
          System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      String host = loaded.http().host();
      String shown = host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host;
      LOG.info(
          "event=ready url=http://{}:{} database={} startToReadyMillis={}",
          shown,
          atrium.port(),
          loaded.database().isPostgresql() ? "postgresql" : "sqlite",
          readyMillis);
      System.out.println(
          "Atrium is running at http://"
              + shown
              + ":"
              + atrium.port()
              + "/ (ready in "
              + readyMillis
              + " ms). Press Ctrl-C to stop.");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    LOG.info("event=stopping");
                    atrium.close();
                    stopped.countDown();
                  },
                  "atrium-shutdown"));
      stopped.await();
      return 0;
    }
  }
}
