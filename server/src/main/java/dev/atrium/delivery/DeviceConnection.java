package dev.atrium.delivery;

import dev.atrium.platform.http.Caller;
import dev.atrium.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's WebSocket. Everything sent to the device passes through a bounded queue worked by at
 * most one virtual thread at a time, which keeps per-conversation order, fills gaps from the
 * database and waits for the frames to be written. When the queue is full the device is too slow:
 * nothing more is queued or written but a close frame (4008), and the device resyncs from its
 * cursors when it reconnects, so a stalled client can neither slow others nor grow memory. Every
 * frame it writes is at most the socket's frame bound, but for one envelope too large for any
 * frame. Thread-safe.
 *
 * <p>An idle connection has no thread: a sender thread is started when an event arrives and ends
 * when the queue is empty, so 19,000 idle sockets hold no parked stacks. The sender writes what is
 * queued as one batch of frames and one flush (one socket write for a burst of replies instead of
 * one per frame).
 */
final class DeviceConnection {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
  private static final long SEND_TIMEOUT_SECONDS = 30;

  /**
   * How long a closed connection's transport stays up for the peer to read the frames before the
   * close frame and the close frame itself; then it is torn down, read or not.
   */
  private static final long CLOSE_TIMEOUT_SECONDS = 10;

  /** Events written per flush at most, so a long backlog still reaches the socket steadily. */
  private static final int EVENTS_PER_FLUSH_MAX = 64;

  /** Reads the envelope log for gaps and catch-up. */
  interface Log {
    List<Envelope> range(String conversationId, long afterSeq, long untilSeq, int rowsMax);
  }

  private final Session session;

  /** Jetty's core session when available: frames can then be batched and flushed together. */
  private final CoreSession core;

  private final Caller caller;
  private final Log log;
  private final int pageMax;

  /** Bytes a frame may have; an envelope too large for it goes alone in a frame of its own. */
  private final int frameBytesMax;

  /** Orders connections of one device: the one accepted later wins. */
  private final long acceptSequence;

  private final Queue<Outbound> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedEvents = new AtomicInteger();
  private final int queueMax;
  private final ConcurrentHashMap<String, Long> lastSent = new ConcurrentHashMap<>();

  /**
   * Conversations this device was removed from, with the removing commit's seq: delivered up to it
   * only.
   */
  private final ConcurrentHashMap<String, Long> departing = new ConcurrentHashMap<>();

  /** Orders leaving and joining again for one conversation (sender thread and acknowledgements). */
  private final Object membershipLock = new Object();

  private final AtomicBoolean closed = new AtomicBoolean();

  /** Set once a close was queued behind the frames owed: client frames are no longer read. */
  private volatile boolean closing;

  /** True while a sender thread owns the queue; at most one at a time keeps frames in order. */
  private final AtomicBoolean sending = new AtomicBoolean();

  /** The conversations the hub routes to this connection; maintained by the hub. */
  final java.util.Set<String> routedConversations = ConcurrentHashMap.newKeySet();

  private final Runnable onClosed;
  private final long queuedBytesMax;
  private final java.util.concurrent.atomic.AtomicLong queuedBytes =
      new java.util.concurrent.atomic.AtomicLong();
  private final AtomicInteger malformedFrames = new AtomicInteger();
  private volatile boolean started;

  /** Frames written since the last flush; only the sender thread touches it. */
  private int unflushed;

  DeviceConnection(
      Session session,
      long acceptSequence,
      Caller caller,
      Log log,
      int pageMax,
      int queueMax,
      long queuedBytesMax,
      Runnable onClosed) {
    this.session = session;
    this.core = session instanceof WebSocketSession jetty ? jetty.getCoreSession() : null;
    this.acceptSequence = acceptSequence;
    this.caller = caller;
    this.log = log;
    this.pageMax = pageMax;
    this.frameBytesMax =
        (int) Math.min(Integer.MAX_VALUE, Math.max(1, session.getMaxTextMessageSize()));
    this.queueMax = queueMax;
    this.queuedBytesMax = queuedBytesMax;
    this.onClosed = onClosed;
  }

  Caller caller() {
    return caller;
  }

  String deviceId() {
    return caller.deviceId();
  }

  long acceptSequence() {
    return acceptSequence;
  }

  /**
   * Positions the device starts from, before any event is processed: in the groups it is a leaf of,
   * and in those it was removed from (with the removing commit's seq) but not yet received all of.
   */
  void start(java.util.Map<String, Long> ackedSeqs, java.util.Map<String, Long> departingUntil) {
    lastSent.putAll(ackedSeqs);
    departing.putAll(departingUntil);
    started = true;
    wakeSender();
  }

  /** Queues an event; a full queue closes the connection as too slow. */
  void offer(Outbound event) {
    if (closed.get() || closing) {
      return;
    }
    long bytes = sizeOf(event);
    if (queuedBytes.addAndGet(bytes) > queuedBytesMax
        || queuedEvents.incrementAndGet() > queueMax) {
      LOG.info(
          "event=connection_too_slow deviceId={} queuedEvents={} queuedBytes={}",
          caller.deviceId(),
          queuedEvents.get(),
          queuedBytes.get());
      close(CloseCodes.TOO_SLOW, "too slow: reconnect and resync");
      return;
    }
    inbox.add(event);
    wakeSender();
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

  /** A leaf of the conversation's group on this connection (not one being removed). */
  boolean isSubscribed(String conversationId) {
    return lastSent.containsKey(conversationId) && !departing.containsKey(conversationId);
  }

  /** The seq of the commit that removed the device, while it still receives up to it; else null. */
  Long departingUntil(String conversationId) {
    return departing.get(conversationId);
  }

  /** The device received and acknowledged all it gets from a conversation it was removed from. */
  void departed(String conversationId, long untilSeq) {
    synchronized (membershipLock) {
      if (departing.remove(conversationId, untilSeq)) {
        lastSent.remove(conversationId);
      }
    }
  }

  /**
   * Added to the group (again) at {@code fromSeq}; a device still departing starts over from there.
   */
  private void subscribed(String conversationId, long fromSeq) {
    synchronized (membershipLock) {
      if (departing.remove(conversationId) != null) {
        lastSent.put(conversationId, fromSeq);
      } else {
        lastSent.putIfAbsent(conversationId, fromSeq);
      }
    }
  }

  /** The newest sequence number sent to the device in a conversation, or -1 when not subscribed. */
  long lastSentSeq(String conversationId) {
    return lastSent.getOrDefault(conversationId, -1L);
  }

  int countMalformedFrame() {
    return malformedFrames.incrementAndGet();
  }

  /**
   * True once the connection is closed or a close is queued: frames from the client are ignored.
   */
  boolean isClosing() {
    return closing || closed.get();
  }

  /**
   * Closes the socket after everything queued so far is written (the replies owed), whatever the
   * queue's bounds; nothing queued later is sent.
   */
  void closeAfterQueued(int code, String reason) {
    if (closed.get() || closing) {
      return;
    }
    closing = true;
    Outbound.Close close = new Outbound.Close(code, reason);
    queuedEvents.incrementAndGet();
    queuedBytes.addAndGet(sizeOf(close));
    inbox.add(close);
    if (!started) {
      close(code, reason);
      return;
    }
    wakeSender();
  }

  /**
   * Closes now: what is queued is dropped and nothing but the close frame is written after the
   * frames already handed to the socket. A peer that stopped reading gets the close frame when it
   * reads again, unless {@link #CLOSE_TIMEOUT_SECONDS} pass first; then the transport goes.
   */
  void close(int code, String reason) {
    if (closed.compareAndSet(false, true)) {
      inbox.clear();
      try {
        session.close(code, reason, Callback.NOOP);
      } catch (RuntimeException e) {
        LOG.debug("Closing an already broken WebSocket", e);
      }
      java.util.concurrent.CompletableFuture.delayedExecutor(
              CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .execute(this::disconnect);
      onClosed.run();
    }
  }

  private void disconnect() {
    try {
      session.disconnect();
    } catch (RuntimeException e) {
      LOG.debug("Disconnecting an already closed WebSocket", e);
    }
  }

  /** Called when the socket closed from the other side. */
  void closedByPeer() {
    if (closed.compareAndSet(false, true)) {
      inbox.clear();
      onClosed.run();
    }
  }

  /**
   * Starts a sender thread unless one is running. The running one re-checks the queue after it lets
   * go, so an event queued in that moment is never left behind.
   */
  private void wakeSender() {
    if (started && !inbox.isEmpty() && !closed.get() && sending.compareAndSet(false, true)) {
      Thread.ofVirtual().name("ws-" + caller.deviceId()).start(this::run);
    }
  }

  private void run() {
    try {
      drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!closed.get()) {
        LOG.warn("event=connection_failed deviceId={} error={}", caller.deviceId(), e.toString());
      }
      close(1011, "server error");
    } finally {
      sending.set(false);
    }
    wakeSender();
  }

  /** Works through the queue in bursts: each burst's frames go out with one flush. */
  private void drain() throws InterruptedException {
    Outbound event;
    while (!closed.get() && (event = inbox.poll()) != null) {
      int handled = 0;
      do {
        queuedEvents.decrementAndGet();
        queuedBytes.addAndGet(-sizeOf(event));
        handle(event);
        handled++;
      } while (handled < EVENTS_PER_FLUSH_MAX && !closed.get() && (event = inbox.poll()) != null);
      flush();
    }
  }

  private void handle(Outbound event) throws InterruptedException {
    switch (event) {
      case Outbound.Envelopes live -> deliver(live);
      case Outbound.CatchUp catchUp -> catchUp(catchUp.conversationId(), catchUp.untilSeq());
      case Outbound.Departed departed -> {
        departing.put(departed.conversationId(), departed.untilSeq());
        catchUp(departed.conversationId(), departed.untilSeq());
        send(new Frames.MembershipFrame(departed.conversationId(), "removed", null));
      }
      case Outbound.Subscribed subscribed ->
          subscribed(subscribed.conversationId(), subscribed.fromSeq());
      case Outbound.Unsubscribed unsubscribed -> lastSent.remove(unsubscribed.conversationId());
      case Outbound.Items items -> {
        for (DeviceItem item : items.items()) {
          send(Frames.ItemFrame.of(item));
        }
      }
      case Outbound.Frame frame -> send(frame.frame());
      case Outbound.Close close -> {
        flush();
        close(close.code(), close.reason());
      }
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
      // The usual case: everything in the event is new to this device, so the shared frames fit.
      for (String frame : live.frames(frameBytesMax)) {
        sendText(frame);
      }
      long newestSeq = envelopes.getLast().seq();
      lastSent.computeIfPresent(conversationId, (id, previous) -> Math.max(previous, newestSeq));
      return;
    }
    List<Envelope> unsent = new ArrayList<>(envelopes.size());
    long newest = last;
    for (Envelope envelope : envelopes) {
      if (envelope.seq() > newest) {
        unsent.add(envelope);
        newest = envelope.seq();
      }
    }
    if (!unsent.isEmpty()) {
      sendEnvelopes(conversationId, unsent);
      lastSent.computeIfPresent(
          conversationId, (id, previous) -> Math.max(previous, unsent.getLast().seq()));
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
      sendEnvelopes(conversationId, page);
      // A catch-up can be many pages: write each before reading the next, so memory stays bounded.
      flush();
      long newest = page.getLast().seq();
      lastSent.computeIfPresent(conversationId, (id, previous) -> Math.max(previous, newest));
      if (page.size() < pageMax) {
        return;
      }
    }
  }

  private void sendEnvelopes(String conversationId, List<Envelope> envelopes)
      throws InterruptedException {
    for (String frame : Frames.envelopeFrames(conversationId, envelopes, frameBytesMax)) {
      sendText(frame);
    }
  }

  private void send(Object frame) throws InterruptedException {
    sendText(Json.write(frame));
  }

  /** Writes a frame; with Jetty's core session it is only batched, and {@link #flush} sends it. */
  private void sendText(String text) throws InterruptedException {
    if (closed.get()) {
      return;
    }
    if (core != null) {
      core.sendFrame(new Frame(OpCode.TEXT, text), org.eclipse.jetty.util.Callback.NOOP, true);
      unflushed++;
      return;
    }
    Callback.Completable written = new Callback.Completable();
    session.sendText(text, written);
    await(written);
  }

  /** Sends the batched frames and waits until they are written (or the write timed out). */
  private void flush() throws InterruptedException {
    if (unflushed == 0 || core == null || closed.get()) {
      unflushed = 0;
      return;
    }
    unflushed = 0;
    java.util.concurrent.CompletableFuture<Void> flushed =
        new java.util.concurrent.CompletableFuture<>();
    core.flush(
        org.eclipse.jetty.util.Callback.from(
            () -> flushed.complete(null), flushed::completeExceptionally));
    await(flushed);
  }

  private void await(java.util.concurrent.Future<?> written) throws InterruptedException {
    try {
      written.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      close(CloseCodes.TOO_SLOW, "write failed or timed out");
    }
  }
}
