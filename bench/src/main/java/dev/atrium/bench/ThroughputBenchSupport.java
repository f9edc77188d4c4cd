package dev.atrium.bench;

import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.SocketEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Socket helpers the load benchmarks share. */
final class ThroughputBenchSupport {
  private ThroughputBenchSupport() {}

  /** Works through a fresh socket's catch-up (acking envelopes and items) until its ready frame. */
  static void awaitReady(DeviceSocket socket) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      SocketEvent event = socket.nextEvent(Duration.ofSeconds(1));
      if (event instanceof SocketEvent.ItemReceived item) {
        socket.ackItems(List.of(item.item().itemId()));
      } else if (event instanceof SocketEvent.Envelopes envelopes
          && !envelopes.envelopes().isEmpty()) {
        socket.ack(envelopes.conversationId(), envelopes.envelopes().getLast().seq());
      } else if (event instanceof SocketEvent.Ready) {
        return;
      } else if (event instanceof SocketEvent.Closed closed) {
        throw new IllegalStateException("socket closed during catch-up: " + closed);
      }
    }
    throw new IllegalStateException("no ready frame within 60 s");
  }
}
