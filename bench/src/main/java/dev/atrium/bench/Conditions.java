package dev.atrium.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The conditions a load benchmark ran under, printed before its figures. */
final class Conditions {
  private Conditions() {}

  static void print(ServerOptions server) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.println("  date:     " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    System.out.printf(
        "  machine:  %d cores (%s), %.1f GiB RAM, %s %s; load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        BenchServer.loadAverage());
    System.out.println(
        "  java:     "
            + server.javaBinary
            + " ("
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.vm.version")
            + " for the load generator)");
    System.out.println(
        "  command:  ./atrium bench "
            + String.join(
                " ",
                ProcessHandle.current()
                    .info()
                    .arguments()
                    .map(
                        args ->
                            java.util.Arrays.asList(args)
                                .subList(Math.min(args.length, 2), args.length))
                    .orElse(java.util.List.of())));
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
