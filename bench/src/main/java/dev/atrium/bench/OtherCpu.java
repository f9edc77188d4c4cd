package dev.atrium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How busy the machine was with other work while something was measured: CPU time used by every
 * process (Linux {@code /proc/stat}) minus the server's and the benchmark's own, as a share of all
 * cores over the interval. Timings taken while this is high are not trustworthy.
 */
final class OtherCpu {
  /** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every mainstream kernel. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private static final Path PROC_STAT = Path.of("/proc/stat");

  private final long startNanos;
  private final long startBusyTicks;
  private final long startBenchCpuNanos;

  private OtherCpu(long startNanos, long startBusyTicks, long startBenchCpuNanos) {
    this.startNanos = startNanos;
    this.startBusyTicks = startBusyTicks;
    this.startBenchCpuNanos = startBenchCpuNanos;
  }

  /** Starts an interval, or returns null where /proc/stat cannot be read (not Linux). */
  static OtherCpu start() {
    long busy = busyTicks();
    return busy < 0 ? null : new OtherCpu(System.nanoTime(), busy, ownCpuNanos());
  }

  /**
   * Share of the machine (0..1) that processes other than the server and this one used since {@link
   * #start()}; {@code serverCpu} is the server's CPU time so far (it started inside the interval).
   */
  OptionalDouble share(Duration serverCpu) {
    long busy = busyTicks();
    long elapsed = System.nanoTime() - startNanos;
    if (busy < 0 || elapsed <= 0) {
      return OptionalDouble.empty();
    }
    long busyNanos = (busy - startBusyTicks) * NANOS_PER_TICK;
    long others = busyNanos - serverCpu.toNanos() - (ownCpuNanos() - startBenchCpuNanos);
    double share =
        (double) others / ((double) elapsed * Runtime.getRuntime().availableProcessors());
    return OptionalDouble.of(Math.max(0, Math.min(1, share)));
  }

  private static long ownCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** Ticks all CPUs spent neither idle nor waiting for I/O, or -1. */
  private static long busyTicks() {
    try {
      String cpu =
          Files.readAllLines(PROC_STAT)
              .get(0); // "cpu  user nice system idle iowait irq softirq steal ..."
      String[] fields = cpu.trim().split("\\s+", -1);
      long busy = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
