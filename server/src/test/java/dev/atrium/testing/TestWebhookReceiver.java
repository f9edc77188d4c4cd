package dev.atrium.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A mini-program provider's webhook endpoint, as a real HTTP server on a random loopback port: it
 * records every request (headers, raw body, arrival time) and answers with the status a test sets.
 * It can be stopped and started again on the same port, as a provider that goes down and comes
 * back. Thread-safe.
 */
public final class TestWebhookReceiver implements AutoCloseable {
  private static final int BODY_BYTES_MAX = 1_048_576;

  /** One request as it arrived; header names in lower case. */
  public record Received(Map<String, String> headers, String body, long arrivedAtNanos) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private volatile int status = 200;
  private int port;
  private HttpServer server;

  private TestWebhookReceiver() {}

  /** A receiver on a free loopback port, answering 200. */
  public static TestWebhookReceiver start() {
    TestWebhookReceiver receiver = new TestWebhookReceiver();
    receiver.listen(0);
    return receiver;
  }

  /** The URL to register as the app's webhook endpoint. */
  public String url() {
    return "http://127.0.0.1:" + port + "/webhooks";
  }

  /** The status every later request is answered with. */
  public void answer(int value) {
    status = value;
  }

  /** The next request, or null when none came within {@code timeout}. */
  public Received next(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Requests received and not yet taken with {@link #next}. */
  public List<Received> drain() {
    List<Received> all = new java.util.ArrayList<>();
    received.drainTo(all);
    return all;
  }

  /** Stops listening: connections are refused, as when the provider is down. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Listens again on the same port. */
  public synchronized void resume() {
    if (server == null) {
      listen(port);
    }
  }

  private synchronized void listen(int requestedPort) {
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/webhooks",
        exchange -> {
          // The answer is fixed before the request is visible to the test, so a test that changes
          // the answer after seeing a request changes it for the next one only.
          int answer = status;
          try (exchange;
              InputStream body = exchange.getRequestBody()) {
            Map<String, String> headers = new TreeMap<>();
            exchange
                .getRequestHeaders()
                .forEach(
                    (name, values) ->
                        headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String text = new String(body.readNBytes(BODY_BYTES_MAX), StandardCharsets.UTF_8);
            received.add(new Received(headers, text, System.nanoTime()));
            exchange.sendResponseHeaders(answer, -1);
          }
        });
    server.start();
    port = server.getAddress().getPort();
  }

  @Override
  public void close() {
    stop();
  }
}
