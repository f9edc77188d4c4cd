package dev.atrium.messaging;

import dev.atrium.delivery.ConversationLog;
import dev.atrium.delivery.LiveEvents;
import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.DeviceRevocationListener;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the messaging feature: conversations, their groups and envelope logs, with its part of
 * account export and deletion and the listener that forgets a revoked device. It pushes to devices
 * through delivery's {@link LiveEvents} and answers delivery's {@link ConversationLog}.
 */
public final class MessagingModule implements Feature {
  private final MessagingService service;
  private final RouteModule routes;
  private final ConversationLog log;
  private final EnvelopeWriter writer;
  private final RetentionSweeper sweeper;

  private MessagingModule(
      MessagingService service,
      RouteModule routes,
      ConversationLog log,
      EnvelopeWriter writer,
      RetentionSweeper sweeper) {
    this.service = service;
    this.routes = routes;
    this.log = log;
    this.writer = writer;
    this.sweeper = sweeper;
  }

  /** {@code live} carries what is stored, and the notices about it, to the devices. */
  public static MessagingModule create(
      FeatureContext context, IdentityService identity, ContactRules contacts, LiveEvents live) {
    Database database = context.database();
    Clock clock = context.clock();
    MeterRegistry metrics = context.metrics();
    MessagingSettings settings = MessagingSettings.read(context.config());
    ConversationStore conversations = new ConversationStore();
    EnvelopeStore envelopes = new EnvelopeStore();
    CursorStore cursors = new CursorStore();
    EnvelopeWriter writer =
        new EnvelopeWriter(
            database, conversations, envelopes, cursors, settings, clock, live, contacts, metrics);
    DeviceDirectory devices = identity::deviceOwners;
    MessagingService service =
        new MessagingService(
            database,
            conversations,
            envelopes,
            cursors,
            writer,
            live,
            contacts,
            devices,
            identity::isActive,
            settings,
            clock);
    SendCommands commands = new SendCommands(settings);
    EnvelopeLog log = new EnvelopeLog(database, envelopes, cursors, writer, service, commands);
    RetentionSweeper sweeper =
        new RetentionSweeper(
            database,
            envelopes,
            cursors,
            clock,
            settings.retentionTtlMillis(),
            settings.retentionSweepIntervalMillis());
    Gauge.builder("atrium.envelopes.queued", writer, EnvelopeWriter::queued).register(metrics);
    return new MessagingModule(
        service,
        new MessagingRoutes(service, commands, settings, memberNames(identity)),
        log,
        writer,
        sweeper);
  }

  public MessagingService service() {
    return service;
  }

  /** What delivery serves devices from (the composition root hands it to delivery). */
  public ConversationLog conversationLog() {
    return log;
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

  @Override
  public void close() {
    sweeper.close();
    writer.close();
  }

  /** Display names from identity, looked up in slices its per-lookup limit allows. */
  private static MemberNames memberNames(IdentityService identity) {
    return accountIds -> {
      List<String> ids = List.copyOf(accountIds);
      Map<String, String> names = new HashMap<>();
      for (int from = 0; from < ids.size(); from += IdentityService.ACCOUNTS_PER_LOOKUP_MAX) {
        List<String> slice =
            ids.subList(from, Math.min(ids.size(), from + IdentityService.ACCOUNTS_PER_LOOKUP_MAX));
        identity
            .findActiveByIds(slice)
            .forEach((id, account) -> names.put(id, account.displayName()));
      }
      return names;
    };
  }
}
