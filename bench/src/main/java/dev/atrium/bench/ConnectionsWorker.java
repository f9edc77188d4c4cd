package dev.atrium.bench;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One load-generator process of the connections benchmark (started by it, not by hand): logs in
 * {@code --count} devices, waits for CONNECT on stdin, opens and holds one authenticated WebSocket
 * per device (pinging each every 30 s, as clients do), until STOP or {@code --hold-seconds}.
 * Reports on stdout: TOKENS n, OPENED n failed f, STATUS open n closed m.
 */
@Command(
    name = "connections-worker",
    hidden = true,
    description = "Internal: a connections benchmark load process.")
public final class ConnectionsWorker implements Callable<Integer> {
  static final int DEVICES_PER_ACCOUNT = 1000;
  private static final Duration PING_EVERY = Duration.ofSeconds(20);

  @Option(names = "--url", required = true)
  URI url;

  @Option(names = "--prefix", required = true)
  String prefix;

  @Option(names = "--count", required = true)
  int count;

  @Option(names = "--hold-seconds")
  int holdSeconds = 900;

  @Option(names = "--http-clients")
  int httpClients = 4;

  @Option(names = "--parallelism")
  int parallelism = 8;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || count > 19_000) {
      throw new IllegalArgumentException("--count must be 1..19000");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(holdSeconds);
    List<AtriumClient> clients = new ArrayList<>();
    for (int i = 0; i < httpClients; i++) {
      clients.add(AtriumClient.connect(url));
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    List<String> tokens = new ArrayList<>(count);
    int accounts = (count + DEVICES_PER_ACCOUNT - 1) / DEVICES_PER_ACCOUNT;
    List<Session> owners = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      owners.add(
          Population.retrying(
              () ->
                  clients
                      .get(0)
                      .register(
                          dev.atrium.sdk.Models.Registration.of(
                              prefix + "_" + owners.size(), Population.PASSWORD, "bench"))));
    }
    List<Future<String>> logins = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      Session owner = owners.get(i / DEVICES_PER_ACCOUNT);
      if (i % DEVICES_PER_ACCOUNT == 0) {
        logins.add(java.util.concurrent.CompletableFuture.completedFuture(owner.token()));
      } else {
        logins.add(
            pool.submit(
                () ->
                    Population.retrying(
                            () ->
                                clients
                                    .get(index % clients.size())
                                    .login(
                                        owner.account().username(),
                                        Population.PASSWORD,
                                        "d" + index))
                        .token()));
      }
    }
    for (Future<String> login : logins) {
      tokens.add(login.get(10, TimeUnit.MINUTES));
    }
    System.out.println("TOKENS " + tokens.size());
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String command = stdin.readLine();
    if (!"CONNECT".equals(command)) {
      pool.shutdownNow();
      return 0;
    }
    ConcurrentLinkedQueue<DeviceSocket> sockets = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    // Ping from the start: opening thousands of sockets takes longer than the server's idle
    // timeout.
    Thread pinger =
        Thread.ofPlatform().daemon().name("pinger").start(() -> pingLoop(sockets, deadline));
    List<Future<?>> opens = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      int index = i;
      opens.add(
          pool.submit(
              () -> {
                try {
                  DeviceSocket socket =
                      clients.get(index % clients.size()).withToken(tokens.get(index)).openSocket();
                  sockets.add(socket);
                  SocketEvent ready =
                      socket.nextEvent(SocketEvent.Ready.class, Duration.ofSeconds(60));
                  if (ready == null) {
                    failed.incrementAndGet();
                  }
                } catch (RuntimeException e) {
                  if (failed.incrementAndGet() <= 5) {
                    System.err.println("open failed: " + e);
                  }
                }
              }));
    }
    for (Future<?> open : opens) {
      open.get(10, TimeUnit.MINUTES);
    }
    System.out.println("OPENED " + (tokens.size() - failed.get()) + " failed " + failed.get());
    Thread stopper =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    stdin.readLine(); // STOP, or end of input when the parent went away
                  } catch (java.io.IOException e) {
                    // parent gone
                  }
                });
    while (stopper.isAlive() && System.nanoTime() < deadline) {
      stopper.join(10_000);
      int open = 0;
      for (DeviceSocket socket : sockets) {
        while (socket.nextEvent(Duration.ZERO) != null) {
          // drop pongs and anything else
        }
        if (socket.isOpen()) {
          open++;
        }
      }
      System.out.println("STATUS open " + open + " closed " + (sockets.size() - open));
    }
    pinger.interrupt();
    for (DeviceSocket socket : sockets) {
      socket.abort();
    }
    pool.shutdownNow();
    System.out.println("STOPPED");
    return 0;
  }

  /**
   * Pings every open socket every {@link #PING_EVERY}, as clients do against the server's idle
   * timeout.
   */
  private static void pingLoop(Iterable<DeviceSocket> sockets, long deadline) {
    try {
      while (System.nanoTime() < deadline) {
        Thread.sleep(PING_EVERY.toMillis());
        for (DeviceSocket socket : sockets) {
          if (socket.isOpen()) {
            try {
              socket.ping();
            } catch (RuntimeException e) {
              // closed meanwhile
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
