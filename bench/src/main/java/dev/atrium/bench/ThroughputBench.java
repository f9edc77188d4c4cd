package dev.atrium.bench;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * 1:1 throughput: N sender/receiver device pairs, each in its own direct conversation. Every sender
 * sends over its WebSocket with at most W sends unanswered; every receiver acknowledges
 * (cumulatively) what it got. Measures delivered messages per second, send-to-receive latency and
 * exactly-once delivery (lost and duplicated messages per pair).
 */
@Command(
    name = "throughput",
    mixinStandardHelpOptions = true,
    description = {
      "1:1 messaging throughput and latency over WebSockets through a real server: N sender/receiver",
      "pairs, each sender with a bounded window of unanswered sends, each receiver acking what it got.",
      "Without --rate: as fast as the window allows; with --rate: a fixed total rate (latency counted",
      "from the scheduled send time, so a stalled server cannot hide its delay)."
    })
public final class ThroughputBench implements Callable<Integer> {
  static final double TARGET_RATE = 20_000;
  static final double TARGET_P99_MILLIS = 50;

  @Spec CommandSpec spec;
  @Mixin ServerOptions server = new ServerOptions();

  @Option(
      names = "--pairs",
      description = "Sender/receiver pairs, 1..1000 (default: ${DEFAULT-VALUE}).")
  int pairs = 50;

  @Option(
      names = "--window",
      description = "Unanswered sends per sender, 1..10000 (default: ${DEFAULT-VALUE}).")
  int window = 32;

  @Option(
      names = "--payload-bytes",
      description = "Ciphertext bytes per message, 20..65536 (default: ${DEFAULT-VALUE}).")
  int payloadBytes = 256;

  @Option(
      names = "--warmup-seconds",
      description = "Unmeasured sending first, 0..600 (default: ${DEFAULT-VALUE}).")
  int warmupSeconds = 10;

  @Option(
      names = "--duration-seconds",
      description = "Measured sending, 1..3600 (default: ${DEFAULT-VALUE}).")
  int durationSeconds = 30;

  @Option(
      names = "--rate",
      description = "Total messages per second over all pairs; 0 (default) = as fast as possible.")
  double rate = 0;

  @Option(
      names = "--drain-seconds",
      description =
          "After sending stops, wait this long at most for the last "
              + "messages, 1..600 (default: ${DEFAULT-VALUE}).")
  int drainSeconds = 30;

  @Option(
      names = "--http-clients",
      description =
          "java.net.http clients the sockets are spread over, 1..64 "
              + "(default: ${DEFAULT-VALUE}).")
  int httpClients = 4;

  @Option(
      names = "--setup-parallelism",
      description = "Concurrent setup requests, 1..64 (default: ${DEFAULT-VALUE}).")
  int setupParallelism = 8;

  private final AtomicBoolean stopSending = new AtomicBoolean();
  private final AtomicBoolean stopReceiving = new AtomicBoolean();
  private final LongAdder deliveredInWindow = new LongAdder();
  private final LongAdder confirmedInWindow = new LongAdder();
  private volatile long measureStart = Long.MAX_VALUE;
  private volatile long measureEnd = Long.MAX_VALUE;

  record Pair(int index, Session sender, Session receiver, String conversationId) {}

  @Override
  public Integer call() throws Exception {
    validate();
    System.out.println(
        "Atrium 1:1 throughput benchmark (target >= "
            + (long) TARGET_RATE
            + " msgs/s; p99 <= "
            + (long) TARGET_P99_MILLIS
            + " ms at half that rate)");
    Conditions.print(server);
    System.out.printf(
        "  pairs %d, window %d, payload %d B, warm-up %d s, measured %d s, %s%n",
        pairs,
        window,
        payloadBytes,
        warmupSeconds,
        durationSeconds,
        rate > 0 ? "fixed rate " + rate + " msgs/s" : "max rate");
    try (BenchServer node = BenchServer.start(server, Map.of())) {
      System.out.println("  server: " + node.description);
      return run(node);
    }
  }

  private int run(BenchServer node) throws Exception {
    List<AtriumClient> clients = new ArrayList<>();
    for (int i = 0; i < httpClients; i++) {
      clients.add(AtriumClient.connect(node.uri));
    }
    List<Pair> setup;
    System.out.println("setup:");
    try (Population population = new Population(clients.get(0), setupParallelism)) {
      List<Session> senders =
          population.parallel(pairs, i -> population.register("s" + i), "register senders");
      List<Session> receivers =
          population.parallel(pairs, i -> population.register("r" + i), "register receivers");
      population.parallel(
          pairs,
          i -> {
            population.befriend(senders.get(i), receivers.get(i));
            return null;
          },
          "contacts");
      setup =
          population.parallel(
              pairs,
              i ->
                  new Pair(
                      i,
                      senders.get(i),
                      receivers.get(i),
                      population.directConversation(senders.get(i), receivers.get(i))),
              "direct conversations");
    }

    List<DeviceSocket> sockets = new ArrayList<>();
    List<Stream> streams = new ArrayList<>();
    try {
      for (Pair pair : setup) {
        AtriumClient c = clients.get(pair.index() % clients.size());
        DeviceSocket senderSocket = c.as(pair.sender()).openSocket();
        sockets.add(senderSocket);
        DeviceSocket receiverSocket = c.as(pair.receiver()).openSocket();
        sockets.add(receiverSocket);
        ThroughputBenchSupport.awaitReady(senderSocket);
        ThroughputBenchSupport.awaitReady(receiverSocket);
        streams.add(new Stream(pair, senderSocket, receiverSocket));
      }
      System.out.println("  " + sockets.size() + " sockets connected");

      List<Thread> threads = new ArrayList<>();
      for (Stream stream : streams) {
        threads.add(Thread.ofVirtual().name("recv-" + stream.pair.index()).start(stream::receive));
      }
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
      measureStart = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
      measureEnd = measureStart + TimeUnit.SECONDS.toNanos(durationSeconds);
      for (Stream stream : streams) {
        threads.add(
            Thread.ofVirtual().name("send-" + stream.pair.index()).start(() -> stream.send(start)));
      }
      String loadBefore = BenchServer.loadAverage();
      LockSupport.parkNanos(Math.max(0, measureStart - System.nanoTime()));
      CpuWindow cpu = CpuWindow.start(node);
      System.out.println(
          "measuring "
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + " (load average before: "
              + loadBefore
              + ")");
      while (System.nanoTime() < measureEnd) {
        LockSupport.parkNanos(
            Math.min(TimeUnit.SECONDS.toNanos(5), Math.max(1, measureEnd - System.nanoTime())));
        if (!node.isAlive()) {
          throw new IllegalStateException("server died:\n" + node.tail());
        }
      }
      CpuWindow.Result cpuUse = cpu.stop();
      String loadAfter = BenchServer.loadAverage();
      stopSending.set(true);

      // Drain: everything the server confirmed must arrive.
      long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
      while (System.nanoTime() < drainDeadline && !streams.stream().allMatch(Stream::drained)) {
        Thread.sleep(50);
      }
      stopReceiving.set(true);
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      }
      report(streams, cpuUse, loadBefore, loadAfter, node);
    } finally {
      stopSending.set(true);
      stopReceiving.set(true);
      for (DeviceSocket socket : sockets) {
        socket.abort();
      }
    }
    return 0;
  }

  private void report(
      List<Stream> streams,
      CpuWindow.Result cpu,
      String loadBefore,
      String loadAfter,
      BenchServer node) {
    long confirmed = 0;
    long received = 0;
    long lost = 0;
    long duplicates = 0;
    long failed = 0;
    long unconfirmed = 0;
    long unexpected = 0;
    long inFlight = 0;
    List<LatencySamples> samples = new ArrayList<>();
    for (Stream s : streams) {
      confirmed += s.ledger.confirmedCount();
      received += s.ledger.receivedCount();
      lost += s.ledger.lost();
      duplicates += s.ledger.duplicates();
      failed += s.ledger.failedCount();
      unconfirmed += s.ledger.receivedUnconfirmed();
      unexpected += s.ledger.unexpected();
      inFlight += window - s.window.availablePermits();
      samples.add(s.latencies);
    }
    LatencySamples.Summary latency = LatencySamples.summarize(samples);
    double seconds = durationSeconds;
    double deliveredRate = deliveredInWindow.sum() / seconds;
    double confirmedRate = confirmedInWindow.sum() / seconds;
    System.out.println();
    System.out.printf(
        "delivered (received + acked) in the measured %d s: %,d = %,.0f msgs/s; stored (sent answered): "
            + "%,.0f msgs/s%n",
        durationSeconds, deliveredInWindow.sum(), deliveredRate, confirmedRate);
    System.out.println(
        "end-to-end latency (send -> received), messages sent in the measured window: "
            + latency.line());
    System.out.printf(
        "whole run: sent and stored %,d, received %,d, lost %d, duplicated %d, refused %d, "
            + "received before their answer %d, unanswered at the end %d, foreign %d%n",
        confirmed, received, lost, duplicates, failed, unconfirmed, inFlight, unexpected);
    System.out.println("cpu during measurement: " + cpu.line());
    System.out.println("load average before/after: " + loadBefore + " / " + loadAfter);
    System.out.println(
        "server slow-consumer disconnects (4008): " + node.countLogLines("connection_too_slow"));
    System.out.println("server group commit (whole run):");
    node.metrics("group_commit").forEach(line -> System.out.println("  " + line));
    if (rate <= 0) {
      System.out.printf(
          "target >= %,.0f msgs/s: %s%n",
          TARGET_RATE, deliveredRate >= TARGET_RATE ? "met" : "MISSED");
    } else {
      System.out.printf(
          "target p99 <= %.0f ms at %,.0f msgs/s: %s%n",
          TARGET_P99_MILLIS, rate, latency.p99() <= TARGET_P99_MILLIS * 1000 ? "met" : "MISSED");
    }
    if (lost > 0 || duplicates > 0) {
      System.out.println("FAILED: messages were lost or duplicated");
    }
  }

  /** One pair's sender and receiver. */
  final class Stream {
    final Pair pair;
    final DeviceSocket senderSocket;
    final DeviceSocket receiverSocket;
    final Semaphore window = new Semaphore(ThroughputBench.this.window);
    final DeliveryLedger ledger = new DeliveryLedger();
    final LatencySamples latencies = new LatencySamples(20_000_000 / Math.max(1, pairs));
    final AtomicLong sentCount = new AtomicLong();

    Stream(Pair pair, DeviceSocket senderSocket, DeviceSocket receiverSocket) {
      this.pair = pair;
      this.senderSocket = senderSocket;
      this.receiverSocket = receiverSocket;
    }

    void send(long start) {
      LockSupport.parkNanos(Math.max(0, start - System.nanoTime()));
      long interval = rate > 0 ? (long) (1e9 * pairs / rate) : 0;
      // Spread the pairs' schedules over one interval so they do not all send at once.
      long phase = interval * pair.index() / Math.max(1, pairs);
      try {
        for (int id = 0; !stopSending.get() && id < Integer.MAX_VALUE - 1; id++) {
          long stamp;
          if (interval > 0) {
            long scheduled = start + phase + id * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            stamp = scheduled;
          } else {
            stamp = 0;
          }
          if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
            System.err.println(
                "pair "
                    + pair.index()
                    + ": no answer to "
                    + ThroughputBench.this.window
                    + " sends for 30 s; stopping this sender");
            return;
          }
          if (stamp == 0) {
            stamp = System.nanoTime();
          }
          int messageId = id;
          sentCount.incrementAndGet();
          var unused =
              senderSocket
                  .send(
                      Outgoing.application(
                          pair.conversationId(),
                          "m" + id,
                          1,
                          Payloads.encode(pair.index(), id, stamp, payloadBytes)))
                  .whenComplete(
                      (sent, error) -> {
                        window.release();
                        if (error != null) {
                          ledger.failed(messageId);
                        } else {
                          ledger.confirmed(messageId);
                          long now = System.nanoTime();
                          if (now >= measureStart && now < measureEnd) {
                            confirmedInWindow.increment();
                          }
                        }
                      });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (!stopSending.get()) {
          System.err.println("pair " + pair.index() + " sender failed: " + e);
        }
      }
    }

    void receive() {
      while (!stopReceiving.get()) {
        SocketEvent event = receiverSocket.nextEvent(Duration.ofMillis(100));
        if (event instanceof SocketEvent.Envelopes envelopes) {
          long now = System.nanoTime();
          boolean counted = now >= measureStart && now < measureEnd;
          for (Envelope envelope : envelopes.envelopes()) {
            if (!"application".equals(envelope.kind())) {
              continue;
            }
            Payloads.Header header = Payloads.decode(envelope.ciphertextBytes());
            if (header == null || header.stream() != pair.index()) {
              ledger.received(-1);
              continue;
            }
            if (ledger.received(header.id())) {
              if (counted) {
                deliveredInWindow.increment();
              }
              if (header.sentNanos() >= measureStart && header.sentNanos() < measureEnd) {
                latencies.record((now - header.sentNanos()) / 1000);
              }
            }
          }
          if (!envelopes.envelopes().isEmpty()) {
            receiverSocket.ack(envelopes.conversationId(), envelopes.envelopes().getLast().seq());
          }
        } else if (event instanceof SocketEvent.Closed closed) {
          System.err.println("pair " + pair.index() + ": receiver socket closed " + closed);
          return;
        }
      }
    }

    boolean drained() {
      return window.availablePermits() == ThroughputBench.this.window
          && ledger.receivedCount() >= ledger.confirmedCount();
    }
  }

  private void validate() {
    check(pairs >= 1 && pairs <= 1000, "--pairs must be 1..1000");
    check(window >= 1 && window <= 10_000, "--window must be 1..10000");
    check(
        payloadBytes >= Payloads.HEADER_BYTES && payloadBytes <= 65_536,
        "--payload-bytes must be 20..65536");
    check(warmupSeconds >= 0 && warmupSeconds <= 600, "--warmup-seconds must be 0..600");
    check(durationSeconds >= 1 && durationSeconds <= 3600, "--duration-seconds must be 1..3600");
    check(rate >= 0 && rate <= 1_000_000, "--rate must be 0..1000000");
    check(drainSeconds >= 1 && drainSeconds <= 600, "--drain-seconds must be 1..600");
    check(httpClients >= 1 && httpClients <= 64, "--http-clients must be 1..64");
    check(setupParallelism >= 1 && setupParallelism <= 64, "--setup-parallelism must be 1..64");
  }

  private void check(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
