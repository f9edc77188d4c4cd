package dev.atrium.messaging;

import dev.atrium.delivery.ConversationLog;
import dev.atrium.delivery.LiveEvents;
import dev.atrium.identity.IdentityService;
import dev.atrium.messaging.groups.ContactRules;
import dev.atrium.messaging.groups.GroupRecords;
import dev.atrium.messaging.groups.GroupService;
import dev.atrium.messaging.groups.MemberNames;
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
 * Builds the messaging feature: conversations and their groups ({@code messaging/groups}) and the
 * envelope log with its group-commit writer and retention (this package), with its part of account
 * export and deletion and the listener that forgets a revoked device. It pushes to devices through
 * delivery's {@link LiveEvents} and answers delivery's {@link ConversationLog}.
 */
public final class MessagingModule implements Feature {
  private final GroupService groups;
  private final EnvelopeService envelopes;
  private final RouteModule routes;
  private final ConversationLog log;
  private final EnvelopeWriter writer;
  private final RetentionSweeper sweeper;

  private MessagingModule(
      GroupService groups,
      EnvelopeService envelopes,
      RouteModule routes,
      ConversationLog log,
      EnvelopeWriter writer,
      RetentionSweeper sweeper) {
    this.groups = groups;
    this.envelopes = envelopes;
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
    EnvelopeStore envelopeStore = new EnvelopeStore();
    CursorStore cursors = new CursorStore();
    GroupRecords records = new GroupRecords(settings.groupMembersMax());
    GroupService groups =
        new GroupService(
            database,
            new GroupLeaves(cursors),
            live,
            contacts,
            identity::isActive,
            settings.groupMembersMax(),
            clock);
    EnvelopeWriter writer =
        new EnvelopeWriter(
            database, records, envelopeStore, cursors, settings, clock, live, contacts, metrics);
    DeviceDirectory devices = identity::deviceOwners;
    EnvelopeService envelopes =
        new EnvelopeService(
            database,
            records,
            groups,
            envelopeStore,
            cursors,
            writer,
            live,
            contacts,
            devices,
            settings);
    SendCommands commands = new SendCommands(settings);
    EnvelopeLog log =
        new EnvelopeLog(database, envelopeStore, cursors, writer, envelopes, commands);
    RetentionSweeper sweeper =
        new RetentionSweeper(
            database,
            envelopeStore,
            cursors,
            clock,
            settings.retentionTtlMillis(),
            settings.retentionSweepIntervalMillis());
    Gauge.builder("atrium.envelopes.queued", writer, EnvelopeWriter::queued).register(metrics);
    RouteModule groupRoutes = groups.routes(memberNames(identity));
    EnvelopeRoutes envelopeRoutes = new EnvelopeRoutes(envelopes, commands, settings);
    RouteModule routes =
        api -> {
          groupRoutes.register(api);
          envelopeRoutes.register(api);
        };
    return new MessagingModule(groups, envelopes, routes, log, writer, sweeper);
  }

  /** Who is in which conversation, for the ports other features declare (wallet, keys, push). */
  public GroupService groups() {
    return groups;
  }

  /** What delivery serves devices from (the composition root hands it to delivery). */
  public ConversationLog conversationLog() {
    return log;
  }

  @Override
  public RouteModule routes() {
    return routes;
  }

  /** One section: the account's conversations, never ciphertext, and its read settings. */
  @Override
  public List<AccountDataProvider> accountData() {
    return List.of(AccountDataProvider.of("messaging", this::export, groups::accountDeleted));
  }

  /** A revoked device's live connection closes at once, and its queued deliveries go. */
  @Override
  public List<DeviceRevocationListener> deviceRevocationListeners() {
    return List.of(envelopes::deviceRevoked);
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

  private Map<String, Object> export(String accountId) {
    return Map.of(
        "conversations",
        groups.exportConversations(accountId),
        "shareReadReceipts",
        envelopes.shareReadReceipts(accountId),
        "readPositions",
        envelopes.readPositions(accountId));
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
