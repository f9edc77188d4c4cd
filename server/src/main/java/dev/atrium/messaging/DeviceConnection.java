package dev.atrium.messaging;

import dev.atrium.platform.http.Caller;
import dev.atrium.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's WebSocket. Everything sent to the device passes through a bounded queue worked
 * by one virtual thread, which keeps per-conversation order, fills gaps from the database and
 * waits for each frame to be written. When the queue is full the device is too slow: the
 * connection is closed (4008) and the device resyncs from its cursors when it reconnects, so
 * a stalled client can neither slow others nor grow memory. Thread-safe.
 */
final class DeviceConnection {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
  private static final long SEND_TIMEOUT_SECONDS = 30;

  /** Reads the envelope log for gaps and catch-up. */
  interface Log {
    List<Envelope> range(String conversationId, long afterSeq, long untilSeq, int rowsMax);
  }

  private final Session session;
  private final Caller caller;
  private final Log log;
  private final int pageMax;
  private final BlockingQueue<Outbound> inbox;
  private final ConcurrentHashMap<String, Long> lastSent = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The conversations the hub routes to this connection; maintained by the hub. */
  final java.util.Set<String> routedConversations = ConcurrentHashMap.newKeySet();
  private final Runnable onClosed;
  private final long queuedBytesMax;
  private final java.util.concurrent.atomic.AtomicLong queuedBytes = new java.util.concurrent.atomic.AtomicLong();
  private volatile int malformedFrames;
  private volatile Thread sender;

  DeviceConnection(Session session, Caller caller, Log log, int pageMax, int queueMax, long queuedBytesMax,
      Runnable onClosed) {
    this.session = session;
    this.caller = caller;
    this.log = log;
    this.pageMax = pageMax;
    this.inbox = new LinkedBlockingQueue<>(queueMax);
    this.queuedBytesMax = queuedBytesMax;
    this.onClosed = onClosed;
  }

  Caller caller() {
    return caller;
  }

  String deviceId() {
    return caller.deviceId();
  }

  /** Positions the device starts from, before any event is processed. */
  void start(java.util.Map<String, Long> ackedSeqs) {
    lastSent.putAll(ackedSeqs);
    sender = Thread.ofVirtual().name("ws-" + caller.deviceId()).start(this::run);
  }

  /** Queues an event; a full queue closes the connection as too slow. */
  void offer(Outbound event) {
    if (closed.get()) {
      return;
    }
    long bytes = sizeOf(event);
    if (queuedBytes.addAndGet(bytes) > queuedBytesMax || !inbox.offer(event)) {
      LOG.info("event=connection_too_slow deviceId={} queuedEvents={} queuedBytes={}", caller.deviceId(),
          inbox.size(), queuedBytes.get());
      close(CloseCodes.TOO_SLOW, "too slow: reconnect and resync");
    }
  }

  /** Roughly what an event will occupy on the wire, to bound a connection's backlog in bytes. */
  private static long sizeOf(Outbound event) {
    return switch (event) {
      case Outbound.Envelopes envelopes -> envelopes.wireBytes();
      case Outbound.Items items -> {
        long total = 64;
        for (DeviceItem item : items.items()) {
          total += item.payload().length * 4L / 3 + 128;
        }
        yield total;
      }
      default -> 256;
    };
  }

  boolean isSubscribed(String conversationId) {
    return lastSent.containsKey(conversationId);
  }

  /** The newest sequence number sent to the device in a conversation, or -1 when not subscribed. */
  long lastSentSeq(String conversationId) {
    return lastSent.getOrDefault(conversationId, -1L);
  }

  int countMalformedFrame() {
    return ++malformedFrames;
  }

  void close(int code, String reason) {
    if (closed.compareAndSet(false, true)) {
      inbox.clear();
      wakeSender();
      try {
        if (code == CloseCodes.TOO_SLOW) {
          // A peer that stopped reading will not read a close frame either: drop the connection.
          session.disconnect();
        } else {
          session.close(code, reason, Callback.NOOP);
        }
      } catch (RuntimeException e) {
        LOG.debug("Closing an already broken WebSocket", e);
      }
      onClosed.run();
    }
  }

  /** Called when the socket closed from the other side. */
  void closedByPeer() {
    if (closed.compareAndSet(false, true)) {
      inbox.clear();
      wakeSender();
      onClosed.run();
    }
  }

  /** The sender parks in take() while the device is idle; closing interrupts it. */
  private void wakeSender() {
    Thread thread = sender;
    if (thread != null && thread != Thread.currentThread()) {
      thread.interrupt();
    }
  }

  private void run() {
    // Runs on a virtual thread that parks, without waking up, while the device is idle.
    try {
      while (!closed.get()) {
        Outbound event = inbox.take();
        queuedBytes.addAndGet(-sizeOf(event));
        handle(event);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!closed.get()) {
        LOG.warn("event=connection_failed deviceId={} error={}", caller.deviceId(), e.toString());
      }
      close(1011, "server error");
    }
  }

  private void handle(Outbound event) throws InterruptedException {
    switch (event) {
      case Outbound.Envelopes live -> deliver(live);
      case Outbound.CatchUp catchUp -> catchUp(catchUp.conversationId(), Long.MAX_VALUE);
      case Outbound.Subscribed subscribed -> lastSent.putIfAbsent(subscribed.conversationId(), subscribed.fromSeq());
      case Outbound.Unsubscribed unsubscribed -> lastSent.remove(unsubscribed.conversationId());
      case Outbound.Items items -> {
        for (DeviceItem item : items.items()) {
          send(Frames.ItemFrame.of(item));
        }
      }
      case Outbound.Frame frame -> send(frame.frame());
    }
  }

  private void deliver(Outbound.Envelopes live) throws InterruptedException {
    String conversationId = live.conversationId();
    List<Envelope> envelopes = live.envelopes();
    Long last = lastSent.get(conversationId);
    if (last == null || envelopes.isEmpty()) {
      return;
    }
    long firstSeq = envelopes.getFirst().seq();
    if (firstSeq > last + 1) {
      // Something is missing (the device connected mid-batch, or events were dropped): read it.
      catchUp(conversationId, firstSeq - 1);
      last = lastSent.get(conversationId);
      if (last == null) {
        return;
      }
    }
    if (envelopes.getFirst().seq() == last + 1) {
      // The usual case: everything in the event is new to this device, so the shared frame fits.
      sendText(live.frameJson());
      long newestSeq = envelopes.getLast().seq();
      lastSent.computeIfPresent(conversationId, (id, previous) -> Math.max(previous, newestSeq));
      return;
    }
    List<Frames.EnvelopeView> views = new ArrayList<>(envelopes.size());
    long newest = last;
    for (Envelope envelope : envelopes) {
      if (envelope.seq() > newest) {
        views.add(Frames.EnvelopeView.of(envelope));
        newest = envelope.seq();
      }
    }
    if (!views.isEmpty()) {
      send(new Frames.EnvelopesFrame(conversationId, views));
      lastSent.computeIfPresent(conversationId, (id, previous) -> Math.max(previous, views.getLast().seq()));
    }
  }

  private void catchUp(String conversationId, long untilSeq) throws InterruptedException {
    while (!closed.get()) {
      Long last = lastSent.get(conversationId);
      if (last == null || last >= untilSeq) {
        return;
      }
      List<Envelope> page = log.range(conversationId, last, untilSeq, pageMax);
      if (page.isEmpty()) {
        return;
      }
      send(new Frames.EnvelopesFrame(conversationId, page.stream().map(Frames.EnvelopeView::of).toList()));
      long newest = page.getLast().seq();
      lastSent.computeIfPresent(conversationId, (id, previous) -> Math.max(previous, newest));
      if (page.size() < pageMax) {
        return;
      }
    }
  }

  private void send(Object frame) throws InterruptedException {
    sendText(Json.write(frame));
  }

  private void sendText(String text) throws InterruptedException {
    if (closed.get()) {
      return;
    }
    Callback.Completable written = new Callback.Completable();
    session.sendText(text, written);
    try {
      written.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      close(CloseCodes.TOO_SLOW, "write failed or timed out");
    }
  }
}
