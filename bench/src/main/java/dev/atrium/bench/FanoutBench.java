package dev.atrium.bench;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Conversation;
import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.MessagingModels.Sent;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Group fan-out: one sender and a group of M members, every member's device connected; the time
 * from sending one message until the last member received it, over R repeats.
 */
@Command(
    name = "fanout",
    mixinStandardHelpOptions = true,
    description = {
      "Group fan-out through a real server: one sender, a group of M members (one device each, all",
      "connected); per message the time from send until the last member received it, over R repeats."
    })
public final class FanoutBench implements Callable<Integer> {
  /** MEMBERSHIP_CHANGE_ACCOUNTS_MAX: accounts one commit may add. */
  static final int ADD_PER_COMMIT = 100;

  @Spec CommandSpec spec;
  @Mixin ServerOptions server = new ServerOptions();

  @Option(
      names = "--members",
      description = "Group members besides the sender, 1..100000 (default: ${DEFAULT-VALUE}).")
  int members = 1000;

  @Option(
      names = "--repeats",
      description = "Measured messages, 1..10000 (default: ${DEFAULT-VALUE}).")
  int repeats = 50;

  @Option(
      names = "--warmup",
      description = "Unmeasured messages first, 0..1000 (default: ${DEFAULT-VALUE}).")
  int warmup = 10;

  @Option(
      names = "--interval-millis",
      description =
          "Pause after each message reached everyone, 0..60000 " + "(default: ${DEFAULT-VALUE}).")
  int intervalMillis = 200;

  @Option(
      names = "--payload-bytes",
      description = "Ciphertext bytes per message, 20..65536 (default: ${DEFAULT-VALUE}).")
  int payloadBytes = 256;

  @Option(
      names = "--timeout-seconds",
      description =
          "Per message, how long to wait for every member, 1..600 "
              + "(default: ${DEFAULT-VALUE}).")
  int timeoutSeconds = 30;

  @Option(
      names = "--http-clients",
      description =
          "java.net.http clients the sockets are spread over, 1..64 "
              + "(default: ${DEFAULT-VALUE}).")
  int httpClients = 8;

  @Option(
      names = "--setup-parallelism",
      description = "Concurrent setup requests, 1..64 (default: ${DEFAULT-VALUE}).")
  int setupParallelism = 8;

  private final AtomicBoolean stop = new AtomicBoolean();
  private final LongAdder duplicates = new LongAdder();
  private volatile Round[] rounds;

  /** One message: when each member got it. */
  static final class Round {
    final long sentNanos;
    final AtomicLongArray arrivals;
    final CountDownLatch everyone;
    volatile long storedNanos;

    Round(long sentNanos, int members) {
      this.sentNanos = sentNanos;
      this.arrivals = new AtomicLongArray(members);
      this.everyone = new CountDownLatch(members);
    }

    /** Returns false when this member had it already. */
    boolean arrived(int member, long now) {
      if (!arrivals.compareAndSet(member, 0, now)) {
        return false;
      }
      everyone.countDown();
      return true;
    }

    int missing() {
      int missing = 0;
      for (int i = 0; i < arrivals.length(); i++) {
        if (arrivals.get(i) == 0) {
          missing++;
        }
      }
      return missing;
    }

    /** Microseconds from send to the p-th percentile member's arrival (100 = the last). */
    long toPercentileMember(double p) {
      long[] sorted = new long[arrivals.length()];
      for (int i = 0; i < sorted.length; i++) {
        long at = arrivals.get(i);
        sorted[i] = at == 0 ? Long.MAX_VALUE : at - sentNanos;
      }
      Arrays.sort(sorted);
      long value = Stats.percentile(sorted, p);
      return value == Long.MAX_VALUE ? Long.MAX_VALUE : value / 1000;
    }
  }

  @Override
  public Integer call() throws Exception {
    check(members >= 1 && members <= 100_000, "--members must be 1..100000");
    check(repeats >= 1 && repeats <= 10_000, "--repeats must be 1..10000");
    check(warmup >= 0 && warmup <= 1000, "--warmup must be 0..1000");
    check(intervalMillis >= 0 && intervalMillis <= 60_000, "--interval-millis must be 0..60000");
    check(
        payloadBytes >= Payloads.HEADER_BYTES && payloadBytes <= 65_536,
        "--payload-bytes must be 20..65536");
    check(timeoutSeconds >= 1 && timeoutSeconds <= 600, "--timeout-seconds must be 1..600");
    check(httpClients >= 1 && httpClients <= 64, "--http-clients must be 1..64");
    check(setupParallelism >= 1 && setupParallelism <= 64, "--setup-parallelism must be 1..64");
    System.out.println(
        "Atrium group fan-out benchmark: send -> last of " + members + " members received");
    Conditions.print(server);
    System.out.printf(
        "  members %d, repeats %d after %d warm-up, %d ms apart, payload %d B%n",
        members, repeats, warmup, intervalMillis, payloadBytes);
    Map<String, String> env =
        members + 1 > 1000
            ? Map.of("ATRIUM_GROUP_MEMBERS_MAX", String.valueOf(members + 1))
            : Map.of();
    try (BenchServer node = BenchServer.start(server, env)) {
      System.out.println("  server: " + node.description);
      return run(node);
    }
  }

  private int run(BenchServer node) throws Exception {
    List<AtriumClient> clients = new ArrayList<>();
    for (int i = 0; i < httpClients; i++) {
      clients.add(AtriumClient.connect(node.uri));
    }
    List<DeviceSocket> sockets = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    System.out.println("setup:");
    try (Population population = new Population(clients.get(0), setupParallelism)) {
      Session admin = population.register("admin");
      List<Session> memberSessions =
          population.parallel(members, i -> population.register("m" + i), "register members");
      population.parallel(
          members,
          i -> {
            population.befriend(memberSessions.get(i), admin);
            return null;
          },
          "contact requests to the sender, accepted");
      AtriumClient adminClient = clients.get(0).as(admin);
      Conversation group = adminClient.conversations().createGroup("fanout " + population.runId);
      long epoch = 0;
      long start = System.nanoTime();
      for (int from = 0; from < members; from += ADD_PER_COMMIT) {
        List<Session> chunk =
            memberSessions.subList(from, Math.min(members, from + ADD_PER_COMMIT));
        long at = epoch;
        Sent sent =
            Population.retrying(
                () ->
                    adminClient
                        .conversations()
                        .send(
                            Outgoing.commit(
                                    group.id(),
                                    "add-" + at,
                                    at,
                                    Population.bytes("commit: add members"))
                                .addingAccounts(chunk.stream().map(s -> s.account().id()).toList())
                                .withWelcome(
                                    Population.bytes("welcome"),
                                    chunk.stream().map(s -> s.device().id()).toList())));
        epoch = sent.epoch();
      }
      System.out.printf(
          "  group of %d + sender in %d commits, %.1f s; epoch now %d%n",
          members,
          (members + ADD_PER_COMMIT - 1) / ADD_PER_COMMIT,
          (System.nanoTime() - start) / 1e9,
          epoch);

      DeviceSocket adminSocket = adminClient.openSocket();
      sockets.add(adminSocket);
      ThroughputBenchSupport.awaitReady(adminSocket);
      List<DeviceSocket> memberSockets =
          population.parallel(
              members,
              i -> {
                DeviceSocket socket =
                    clients.get(i % clients.size()).as(memberSessions.get(i)).openSocket();
                synchronized (sockets) {
                  sockets.add(socket);
                }
                ThroughputBenchSupport.awaitReady(socket);
                return socket;
              },
              "member sockets connected and caught up");

      rounds = new Round[warmup + repeats];
      for (int i = 0; i < members; i++) {
        int member = i;
        DeviceSocket socket = memberSockets.get(i);
        threads.add(Thread.ofVirtual().name("member-" + i).start(() -> receive(member, socket)));
      }
      threads.add(
          Thread.ofVirtual()
              .name("sender-drain")
              .start(
                  () -> {
                    while (!stop.get()) {
                      SocketEvent event = adminSocket.nextEvent(Duration.ofMillis(100));
                      if (event instanceof SocketEvent.Envelopes e && !e.envelopes().isEmpty()) {
                        adminSocket.ack(e.conversationId(), e.envelopes().getLast().seq());
                      }
                    }
                  }));

      String loadBefore = BenchServer.loadAverage();
      System.out.println(
          "measuring "
              + Instant.now().truncatedTo(ChronoUnit.SECONDS)
              + " (load average before: "
              + loadBefore
              + ")");
      CpuWindow cpu = null;
      int incomplete = 0;
      long missing = 0;
      List<Long> toLast = new ArrayList<>();
      List<Long> toMedian = new ArrayList<>();
      List<Long> toStored = new ArrayList<>();
      for (int r = 0; r < warmup + repeats; r++) {
        if (r == warmup) {
          cpu = CpuWindow.start(node);
        }
        long sentAt = System.nanoTime();
        Round round = new Round(sentAt, members);
        rounds[r] = round;
        var unused =
            adminSocket
                .send(
                    Outgoing.application(
                        group.id(), "f" + r, epoch, Payloads.encode(0, r, sentAt, payloadBytes)))
                .thenAccept(s -> round.storedNanos = System.nanoTime());
        boolean complete = round.everyone.await(timeoutSeconds, TimeUnit.SECONDS);
        if (r >= warmup) {
          if (!complete) {
            incomplete++;
            missing += round.missing();
          } else {
            toLast.add(round.toPercentileMember(100));
            toMedian.add(round.toPercentileMember(50));
            if (round.storedNanos > 0) {
              toStored.add((round.storedNanos - sentAt) / 1000);
            }
          }
        }
        if (!node.isAlive()) {
          throw new IllegalStateException("server died:\n" + node.tail());
        }
        Thread.sleep(intervalMillis);
      }
      CpuWindow.Result cpuUse = cpu == null ? null : cpu.stop();
      String loadAfter = BenchServer.loadAverage();
      System.out.println();
      if (!toLast.isEmpty()) {
        System.out.println("send -> last member received (ms):   " + millis(toLast));
        System.out.println("send -> median member received (ms): " + millis(toMedian));
      }
      if (!toStored.isEmpty()) {
        System.out.println("send -> stored (sent answer) (ms):   " + millis(toStored));
      }
      System.out.printf(
          "messages not received by every member within %d s: %d (%d deliveries missing); "
              + "duplicates %d%n",
          timeoutSeconds, incomplete, missing, duplicates.sum());
      if (cpuUse != null) {
        System.out.println("cpu during measurement: " + cpuUse.line());
      }
      System.out.println("load average before/after: " + loadBefore + " / " + loadAfter);
      System.out.println(
          "server slow-consumer disconnects (4008): " + node.countLogLines("connection_too_slow"));
      return incomplete == 0 && duplicates.sum() == 0 ? 0 : 1;
    } finally {
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(2000);
      }
      for (DeviceSocket socket : sockets) {
        socket.abort();
      }
    }
  }

  private void receive(int member, DeviceSocket socket) {
    while (!stop.get()) {
      SocketEvent event = socket.nextEvent(Duration.ofMillis(100));
      if (event instanceof SocketEvent.Envelopes envelopes) {
        long now = System.nanoTime();
        for (Envelope envelope : envelopes.envelopes()) {
          Payloads.Header header =
              "application".equals(envelope.kind())
                  ? Payloads.decode(envelope.ciphertextBytes())
                  : null;
          Round[] all = rounds;
          if (header != null
              && all != null
              && header.id() >= 0
              && header.id() < all.length
              && all[header.id()] != null
              && !all[header.id()].arrived(member, now)) {
            duplicates.increment();
          }
        }
        if (!envelopes.envelopes().isEmpty()) {
          socket.ack(envelopes.conversationId(), envelopes.envelopes().getLast().seq());
        }
      } else if (event instanceof SocketEvent.Closed closed) {
        if (!stop.get()) {
          System.err.println("member " + member + ": socket closed " + closed);
        }
        return;
      }
    }
  }

  /** "p50 .. p90 .. p99 .. max .." in milliseconds from microsecond values. */
  static String millis(List<Long> micros) {
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    return String.format(
        "p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  min %.1f (n=%d)",
        Stats.percentile(sorted, 50) / 1000.0,
        Stats.percentile(sorted, 90) / 1000.0,
        Stats.percentile(sorted, 99) / 1000.0,
        sorted[sorted.length - 1] / 1000.0,
        sorted[0] / 1000.0,
        sorted.length);
  }

  private void check(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }
}
