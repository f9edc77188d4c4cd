package dev.atrium.app;

import dev.atrium.contacts.ContactsModule;
import dev.atrium.contacts.ContactsService;
import dev.atrium.identity.IdentityModule;
import dev.atrium.messaging.ContactRules;
import dev.atrium.messaging.MessagingModule;
import dev.atrium.media.AttachmentModule;
import dev.atrium.keys.KeyVisibility;
import dev.atrium.keys.KeysModule;
import dev.atrium.platform.cluster.ClusterBus;
import dev.atrium.platform.cluster.RedisClusterBus;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.HttpServer;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.metrics.Metrics;
import dev.atrium.platform.security.PasswordHasher;
import dev.atrium.messaging.ConversationKind;
import dev.atrium.wallet.ConversationDirectory;
import dev.atrium.wallet.WalletModule;
import dev.atrium.wallet.merchants.MerchantModule;
import dev.atrium.wallet.sepa.OperatorAccess;
import dev.atrium.wallet.sepa.SepaModule;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: every part of the server is built here with plain constructors, in
 * dependency order, one small factory per feature. Nothing else creates services.
 */
public final class Wiring {
  private Wiring() {}

  /** Builds and starts a node; {@code extraRoutes} lets tests add routes of their own. */
  public static Atrium start(AtriumConfig config, Clock clock, List<RouteModule> extraRoutes) {
    StartupTimer timer = new StartupTimer();
    PrometheusMeterRegistry metrics = Metrics.createRegistry();
    timer.lap("metrics");
    Database database = Database.open(config.database(), metrics);
    // Background work of the features, stopped after HTTP and before the database when the node closes.
    List<AutoCloseable> closeHooks = new ArrayList<>();
    try {
      database.migrate();
      timer.lap("database");
      Platform platform = platform(config, clock);
      IdentityModule identity = IdentityModule.create(
          database, platform.passwords(), platform.rateLimits(), clock, config.identity(), config.publicBaseUrl());
      ContactsModule contacts = ContactsModule.create(
          database, identity.service(), platform.rateLimits(), clock, config.contacts(), config.publicBaseUrl());
      identity.service().addAccountDataProvider(contacts.accountData());
      ContactsService contactsService = contacts.service();
      ContactRules contactRules = new ContactRules() {
        @Override
        public boolean areContacts(String accountId, String otherAccountId) {
          return contactsService.areContacts(accountId, otherAccountId);
        }

        @Override
        public boolean isBlockedEitherWay(String accountId, String otherAccountId) {
          return contactsService.isBlockedEitherWay(accountId, otherAccountId);
        }

        @Override
        public java.util.Set<java.util.List<String>> blockedAmong(dev.atrium.platform.db.Handle handle,
            java.util.Collection<java.util.List<String>> pairs) {
          return contactsService.blockedAmong(handle, pairs);
        }
      };
      ClusterBus cluster = config.cluster().isClustered()
          ? RedisClusterBus.connect(config.cluster(), metrics)
          : ClusterBus.singleNode();
      closeHooks.add(cluster);
      MessagingModule messaging = MessagingModule.create(database, identity.service(), contactRules,
          config.messaging(), clock, metrics, cluster);
      closeHooks.add(messaging);
      AttachmentModule media = AttachmentModule.create(
          database, clock, config.database().dataDir(), config.media(), config.retention());
      closeHooks.add(media);
      identity.service().addAccountDataProvider(media.accountData());
      KeysModule keys = KeysModule.create(
          database, platform.rateLimits(), clock, config.keys(), keyVisibility(contacts, messaging),
          messaging.service()::announceDevice);
      identity.service().addAccountDataProvider(keys.accountData());
      WalletModule wallet = WalletModule.create(database, clock, config.wallet(), metrics, platform.passwords(),
          identity.service(), conversationDirectory(messaging));
      closeHooks.add(wallet);
      identity.service().addAccountDataProvider(wallet.accountData());
      SepaModule sepa = SepaModule.create(database, wallet, config.sepa(), clock);
      MerchantModule merchants = MerchantModule.create(database, wallet, config.merchants(),
          new OperatorAccess(config.sepa().adminTokenSha256()), sepa.service(), clock);
      identity.service().addAccountDataProvider(sepa.accountData());
      identity.service().addAccountDataProvider(merchants.accountData());
      timer.lap("features");
      List<RouteModule> routes = new ArrayList<>();
      routes.add(identity.routes());
      routes.add(contacts.routes());
      routes.add(keys.routes());
      routes.add(messaging.routes());
      routes.add(media.routes());
      routes.add(wallet.routes());
      routes.add(sepa.routes());
      routes.add(merchants.routes());
      routes.addAll(extraRoutes);
      HttpServer http = new HttpServer(config.http(), identity.authenticator(), routes, database::isHealthy, metrics);
      timer.lap("routes");
      http.start();
      media.startSweeping();
      wallet.startSweeping();
      timer.lap("http");
      timer.log();
      return new Atrium(database, identity, contacts, keys, messaging, media, wallet, http, metrics, closeHooks);
    } catch (RuntimeException e) {
      Atrium.closeAll(closeHooks);
      database.close();
      throw e;
    }
  }

  /** Identity without HTTP, for `atrium admin` commands that work on the same database. */
  public static AdminContext admin(AtriumConfig config, Clock clock) {
    Database database = Database.open(config.database(), null);
    try {
      database.migrate();
      Platform platform = platform(config, clock);
      IdentityModule identity = IdentityModule.create(
          database, platform.passwords(), platform.rateLimits(), clock, config.identity(), config.publicBaseUrl());
      WalletModule wallet = WalletModule.create(database, clock, config.wallet(), null, platform.passwords(),
          identity.service(), (accountId, conversationId) -> java.util.Optional.empty());
      return new AdminContext(database, identity.service(), wallet);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Who may see an account's device keys and claim its key packages: anyone one of these rules
   * admits: the account itself, its contacts, and anyone it shares a conversation with.
   */
  private static KeyVisibility keyVisibility(ContactsModule contacts, MessagingModule messaging) {
    return KeyVisibility.anyOf(List.of(
        (requester, target) -> requester.equals(target),
        contacts.service()::areContacts,
        messaging.service()::shareConversation));
  }

  /** The wallet's view of chats: who is in a conversation, through messaging's membership. */
  private static ConversationDirectory conversationDirectory(MessagingModule messaging) {
    return (accountId, conversationId) -> messaging.service().membersVisibleTo(accountId, conversationId)
        .map(members -> new ConversationDirectory.ChatMembers(members.conversationId(),
            members.kind() == ConversationKind.DIRECT, members.accountIds()));
  }

  private static Platform platform(AtriumConfig config, Clock clock) {
    return new Platform(
        new PasswordHasher(config.passwordHashing(), config.concurrentPasswordHashesMax()),
        new RateLimits(config.rateLimits(), clock, config.rateLimitKeysMax()));
  }

  private record Platform(PasswordHasher passwords, RateLimits rateLimits) {}

  /** Measures the phases of startup, logged once so operators see where start time goes. */
  private static final class StartupTimer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Wiring.class);
    private final StringBuilder laps = new StringBuilder();
    private long lastNanos = System.nanoTime();

    void lap(String phase) {
      long now = System.nanoTime();
      laps.append(' ').append(phase).append("Millis=").append((now - lastNanos) / 1_000_000);
      lastNanos = now;
    }

    void log() {
      LOG.info("event=started{}", laps);
    }
  }
}
