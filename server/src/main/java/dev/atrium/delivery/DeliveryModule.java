package dev.atrium.delivery;

import dev.atrium.platform.cluster.ClusterBus;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.Invariants;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds live delivery: the devices' WebSocket, their connections and outbound queues, the relay to
 * the other nodes, delivery marks and the coalescing of acknowledgements. It is built in two steps
 * because it and messaging need each other: {@link #create} makes the {@link LiveEvents} port that
 * messaging (and every feature that pushes to devices) is built with, and {@link #serve} then
 * connects the socket to the {@link ConversationLog} messaging answers. It closes before messaging,
 * whose writer stores the acknowledgements it coalesces.
 */
public final class DeliveryModule implements Feature {
  private final DeliveryHub hub;
  private final ActiveDevices devices;
  private final DeliverySettings settings;
  private final MeterRegistry metrics;
  private CursorFlusher flusher;
  private DeliveryReceipts receipts;
  private DeliverySocket socket;

  private DeliveryModule(
      DeliveryHub hub, ActiveDevices devices, DeliverySettings settings, MeterRegistry metrics) {
    this.hub = hub;
    this.devices = devices;
    this.settings = settings;
    this.metrics = metrics;
  }

  /**
   * {@code cluster} carries live events to the other nodes that share the database; {@code devices}
   * says whether a device connecting is still current.
   */
  public static DeliveryModule create(
      FeatureContext context, ClusterBus cluster, ActiveDevices devices) {
    DeliveryHub hub = new DeliveryHub();
    if (cluster.reachesOtherNodes()) {
      ClusterRelay.connect(hub, cluster);
    }
    return new DeliveryModule(
        hub, devices, DeliverySettings.read(context.config()), context.metrics());
  }

  /** The port through which features push live events to devices. */
  public LiveEvents events() {
    return hub;
  }

  /** Starts serving devices from the conversations' log; called once, before {@link #routes}. */
  public void serve(ConversationLog log) {
    Invariants.check(socket == null, "delivery serves one conversation log");
    flusher = new CursorFlusher(log::savePositions);
    receipts = new DeliveryReceipts(hub);
    socket = new DeliverySocket(log, devices, hub, flusher, receipts, settings);
    if (metrics != null) {
      Gauge.builder("atrium.websocket.connections", hub, DeliveryHub::connections)
          .register(metrics);
    }
  }

  @Override
  public RouteModule routes() {
    Invariants.check(
        socket != null, "delivery serves a conversation log before its socket is routed");
    return api -> api.websocket(DeliverySocket.PATH, socket::configure);
  }

  /** Persists coalesced acknowledgements now (tests and shutdown). */
  public void flushCursors() {
    flusher.flush();
  }

  public boolean isConnected(String deviceId) {
    return hub.isConnected(deviceId);
  }

  /**
   * From now on, {@code listener} hears of every envelope and device item this node's log stores.
   */
  public void tellPublished(PublishedListener listener) {
    hub.tellPublished(listener);
  }

  public int connectedDevices() {
    return hub.connections();
  }

  /** Closes every connection, then stores the acknowledgements still coalesced. */
  @Override
  public void close() {
    hub.closeAll(CloseCodes.SERVER_STOPPING, "server stopping");
    if (socket != null) {
      receipts.close();
      flusher.close();
    }
  }
}
