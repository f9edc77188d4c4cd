package dev.atrium.testing;

import dev.atrium.app.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine;

/** Runs `atrium admin ...` in process against the data of a running {@link TestServer}. */
public final class AdminCli {
  public record Result(int exitCode, String out, String err) {}

  private final Path config;

  private AdminCli(Path config) {
    this.config = config;
  }

  /** A config file naming the server's storage; {@code extraYaml} adds top-level sections. */
  public static AdminCli of(TestServer server, String extraYaml) throws IOException {
    Map<String, String> environment = server.environment();
    StringBuilder yaml = new StringBuilder("storage:\n");
    yaml.append("  dataDir: \"").append(environment.get("ATRIUM_DATA_DIR")).append("\"\n");
    if (environment.containsKey("ATRIUM_DATABASE_URL")) {
      yaml.append("  databaseUrl: \"")
          .append(environment.get("ATRIUM_DATABASE_URL"))
          .append("\"\n");
      yaml.append("  databaseSchema: \"")
          .append(environment.get("ATRIUM_DATABASE_SCHEMA"))
          .append("\"\n");
    }
    yaml.append(extraYaml);
    Path file = server.dataDir().resolve("admin-config-" + UUID.randomUUID() + ".yml");
    Files.writeString(file, yaml.toString());
    return new AdminCli(file);
  }

  public static AdminCli of(TestServer server) throws IOException {
    return of(server, "");
  }

  public Path config() {
    return config;
  }

  /** {@code atrium admin <arguments> --config <file>}, with what it printed. */
  public Result admin(String... arguments) {
    List<String> all = new ArrayList<>(List.of("admin"));
    all.addAll(List.of(arguments));
    all.add("--config");
    all.add(config.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(all.toArray(String[]::new));
    return new Result(exitCode, out.toString(), err.toString());
  }
}
