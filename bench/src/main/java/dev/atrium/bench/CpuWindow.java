package dev.atrium.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/** CPU used by the server, by this load generator and by everything else over an interval. */
final class CpuWindow {
  private final BenchServer server;
  private final long start;
  private final long serverStart;
  private final long ownStart;
  private final OtherCpu others;

  private CpuWindow(BenchServer server) {
    this.server = server;
    this.start = System.nanoTime();
    this.serverStart = serverCpu(server);
    this.ownStart = ownCpu();
    this.others = OtherCpu.start();
  }

  static CpuWindow start(BenchServer server) {
    return new CpuWindow(server);
  }

  Result stop() {
    double seconds = (System.nanoTime() - start) / 1e9;
    long serverUsed = serverCpu(server) - serverStart;
    OptionalDouble otherShare =
        others == null || serverStart < 0
            ? OptionalDouble.empty()
            : others.share(Duration.ofNanos(serverUsed));
    return new Result(
        serverStart < 0 ? -1 : serverUsed / 1e9 / seconds,
        (ownCpu() - ownStart) / 1e9 / seconds,
        otherShare);
  }

  /** Cores busy on average: server, load generator; others as a share of the whole machine. */
  record Result(double serverCores, double benchCores, OptionalDouble otherShare) {
    String line() {
      return String.format(
          "server %.2f cores, load generator %.2f cores, other processes %s of the machine "
              + "(%d cores)",
          serverCores,
          benchCores,
          otherShare.isPresent() ? String.format("%.0f%%", 100 * otherShare.getAsDouble()) : "?",
          Runtime.getRuntime().availableProcessors());
    }
  }

  private static long serverCpu(BenchServer server) {
    if (server.pid().isEmpty()) {
      return -1;
    }
    Optional<Duration> cpu =
        ProcessHandle.of(server.pid().getAsLong()).flatMap(p -> p.info().totalCpuDuration());
    return cpu.map(Duration::toNanos).orElse(-1L);
  }

  private static long ownCpu() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
