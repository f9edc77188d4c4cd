package dev.atrium.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which server a load benchmark drives: a child process it starts (default) or a running one
 * (--url).
 */
final class ServerOptions {
  @Option(
      names = "--server-jar",
      paramLabel = "JAR",
      description = "Server jar (default: ${DEFAULT-VALUE}).")
  Path serverJar = Path.of("server/target/atrium-server.jar");

  @Option(
      names = "--database",
      paramLabel = "sqlite|URL",
      description =
          "`sqlite` (default: a fresh data dir) or postgresql://user:password@host:port/database "
              + "(a fresh schema bench_<random>, dropped afterwards).")
  String database = "sqlite";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Drive an already running server at this loopback "
              + "URL instead of starting one (it needs raised rate limits; see BenchServer.CONFIG).")
  URI url;

  @Option(
      names = "--server-pid",
      paramLabel = "PID",
      description = "With --url: the server's pid, to read its memory.")
  Long serverPid;

  @Option(
      names = "--java",
      paramLabel = "JAVA",
      description = "java binary for child processes (default: this JVM's).")
  Path javaBinary =
      ProcessHandle.current()
          .info()
          .command()
          .map(Path::of)
          .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));

  @Option(
      names = "--server-jvm-arg",
      paramLabel = "ARG",
      description = "Extra JVM option for the server, repeatable.")
  List<String> jvmArgs = new ArrayList<>();

  @Option(
      names = "--server-env",
      paramLabel = "KEY=VALUE",
      description =
          "Extra environment for the server, "
              + "repeatable, e.g. --server-env ATRIUM_DEVICES_PER_ACCOUNT_MAX=1000.")
  Map<String, String> env = new LinkedHashMap<>();
}
