package dev.atrium.messaging;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.cluster.ClusterBus;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.DeviceRevocationListener;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.RouteModule;
import io.javalin.websocket.WsConnectContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the messaging feature: conversations, envelopes and live delivery, with its part of
 * account export and deletion and the listener that closes a revoked device's connection.
 */
public final class MessagingModule implements Feature {
  private final MessagingService service;
  private final RouteModule routes;
  private final DeliveryHub hub;
  private final EnvelopeWriter writer;
  private final CursorFlusher flusher;
  private final DeliveryReceipts receipts;
  private final RetentionSweeper sweeper;

  private MessagingModule(MessagingService service, RouteModule routes, DeliveryHub hub, EnvelopeWriter writer,
      CursorFlusher flusher, DeliveryReceipts receipts, RetentionSweeper sweeper) {
    this.service = service;
    this.routes = routes;
    this.hub = hub;
    this.writer = writer;
    this.flusher = flusher;
    this.receipts = receipts;
    this.sweeper = sweeper;
  }

  /** {@code cluster} carries live deliveries to the other nodes that share the database. */
  public static MessagingModule create(FeatureContext context, IdentityService identity, ContactRules contacts,
      ClusterBus cluster) {
    Database database = context.database();
    Clock clock = context.clock();
    MeterRegistry metrics = context.metrics();
    MessagingSettings settings = MessagingSettings.read(context.config());
    ConversationStore conversations = new ConversationStore();
    EnvelopeStore envelopes = new EnvelopeStore();
    CursorStore cursors = new CursorStore();
    DeliveryHub hub = new DeliveryHub();
    if (cluster.reachesOtherNodes()) {
      ClusterRelay.connect(hub, cluster);
    }
    EnvelopeWriter writer = new EnvelopeWriter(database, conversations, envelopes, cursors, settings, clock, hub, contacts,
        metrics);
    CursorFlusher flusher = new CursorFlusher(writer::saveCursors);
    DeviceDirectory devices = identity::deviceOwners;
    MessagingService service = new MessagingService(database, conversations, envelopes, cursors, writer, hub, contacts,
        devices, identity::isActive, settings, clock);
    SendCommands commands = new SendCommands(settings);
    MessagingSocket.ConnectionFactory connections =
        (ctx, caller) -> openConnection(ctx, caller, database, envelopes, cursors, hub, devices, settings);
    DeliveryReceipts receipts = new DeliveryReceipts(hub);
    MessagingSocket socket = new MessagingSocket(service, hub, flusher, receipts, commands, connections);
    RetentionSweeper sweeper = new RetentionSweeper(database, envelopes, cursors, clock, settings.retentionTtlMillis(),
        settings.retentionSweepIntervalMillis());
    Gauge.builder("atrium.websocket.connections", hub, DeliveryHub::connections).register(metrics);
    Gauge.builder("atrium.envelopes.queued", writer, EnvelopeWriter::queued).register(metrics);
    return new MessagingModule(service, new MessagingRoutes(service, commands, flusher, socket, settings,
        memberNames(identity)), hub, writer,
        flusher, receipts, sweeper);
  }

  private static DeviceConnection openConnection(WsConnectContext ctx, Caller caller, Database database,
      EnvelopeStore envelopes, CursorStore cursors, DeliveryHub hub, DeviceDirectory devices,
      MessagingSettings settings) {
    Map<String, Long> ackedSeqs = new LinkedHashMap<>();
    Map<String, Long> departingUntil = new LinkedHashMap<>();
    for (CursorStore.Cursor cursor :
        database.read(handle -> cursors.forDevice(handle, caller.deviceId(), MessagingSettings.CONVERSATIONS_PER_DEVICE_MAX))) {
      if (cursor.departing() && cursor.ackedSeq() >= cursor.untilSeq()) {
        database.inTransaction(handle -> cursors.finishDeparture(handle, caller.deviceId(), cursor.conversationId(),
            cursor.ackedSeq()));
        continue;
      }
      ackedSeqs.put(cursor.conversationId(), cursor.ackedSeq());
      if (cursor.departing()) {
        departingUntil.put(cursor.conversationId(), cursor.untilSeq());
      }
    }
    List<String> leafOf = ackedSeqs.keySet().stream().filter(id -> !departingUntil.containsKey(id)).toList();
    List<DeviceItem> items =
        database.read(handle -> envelopes.itemsFor(handle, caller.deviceId(), MessagingSettings.DEVICE_ITEMS_PENDING_MAX));
    DeviceConnection[] holder = new DeviceConnection[1];
    DeviceConnection connection = new DeviceConnection(ctx.session, Api.acceptSequence(ctx), caller,
        (conversationId, afterSeq, untilSeq, rowsMax) ->
            database.read(handle -> envelopes.range(handle, conversationId, afterSeq, untilSeq, rowsMax)),
        settings.deliveryPageEnvelopesMax(), settings.outboundQueueEventsMax(), settings.outboundQueueBytesMax(),
        () -> hub.unregister(holder[0]));
    holder[0] = connection;
    connection.start(ackedSeqs, departingUntil);
    if (!hub.register(connection, leafOf)) {
      return null; // a connection of this device accepted later is live already; this one was closed
    }
    // The device may have been revoked between the upgrade and now; its revocation event was missed.
    if (devices.owners(List.of(caller.deviceId())).isEmpty()) {
      connection.close(CloseCodes.DEVICE_REVOKED, "device revoked");
      return null;
    }
    leafOf.forEach(conversationId -> connection.offer(new Outbound.CatchUp(conversationId)));
    // Removed while away: what was sent while it was a leaf, then the news that it was removed.
    departingUntil.forEach((conversationId, untilSeq) -> {
      connection.offer(new Outbound.CatchUp(conversationId, untilSeq));
      connection.offer(new Outbound.Frame(new Frames.MembershipFrame(conversationId, "removed", null)));
    });
    if (!items.isEmpty()) {
      connection.offer(new Outbound.Items(items));
    }
    connection.offer(new Outbound.Frame(new Frames.ReadyFrame(leafOf.size(), items.size())));
    return connection;
  }

  public MessagingService service() {
    return service;
  }

  @Override
  public RouteModule routes() {
    return routes;
  }

  @Override
  public List<AccountDataProvider> accountData() {
    return List.of(AccountDataProvider.of("messaging", service::export, service::accountDeleted));
  }

  /** A revoked device's live connection closes at once, and its queued deliveries go. */
  @Override
  public List<DeviceRevocationListener> deviceRevocationListeners() {
    return List.of(service::deviceRevoked);
  }

  /** Runs a retention sweep now; returns the rows it deleted. */
  public int sweepRetention() {
    return sweeper.sweep();
  }

  /** Persists coalesced acknowledgements now (tests and shutdown). */
  public void flushCursors() {
    flusher.flush();
  }

  /** From now on, {@code listener} hears of every envelope and device item this node stores. */
  public void tellStored(StoredListener listener) {
    hub.tellStored(listener);
  }

  public boolean isConnected(String deviceId) {
    return hub.connection(deviceId) != null;
  }

  public int connectedDevices() {
    return hub.connections();
  }

  @Override
  public void close() {
    hub.closeAll(CloseCodes.SERVER_STOPPING, "server stopping");
    sweeper.close();
    receipts.close();
    flusher.close();
    writer.close();
  }

  /** Display names from identity, looked up in slices its per-lookup limit allows. */
  private static MemberNames memberNames(IdentityService identity) {
    return accountIds -> {
      List<String> ids = List.copyOf(accountIds);
      Map<String, String> names = new HashMap<>();
      for (int from = 0; from < ids.size(); from += IdentityService.ACCOUNTS_PER_LOOKUP_MAX) {
        List<String> slice = ids.subList(from, Math.min(ids.size(), from + IdentityService.ACCOUNTS_PER_LOOKUP_MAX));
        identity.findActiveByIds(slice).forEach((id, account) -> names.put(id, account.displayName()));
      }
      return names;
    };
  }
}
