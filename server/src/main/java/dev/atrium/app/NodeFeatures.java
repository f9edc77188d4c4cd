package dev.atrium.app;

import dev.atrium.contacts.ContactsModule;
import dev.atrium.contacts.ContactsSettings;
import dev.atrium.delivery.ActiveDevices;
import dev.atrium.delivery.DeliveryModule;
import dev.atrium.delivery.DeliverySettings;
import dev.atrium.identity.Account;
import dev.atrium.identity.IdentityModule;
import dev.atrium.identity.IdentityService;
import dev.atrium.identity.IdentitySettings;
import dev.atrium.keys.KeyVisibility;
import dev.atrium.keys.KeysModule;
import dev.atrium.keys.KeysSettings;
import dev.atrium.media.AttachmentModule;
import dev.atrium.media.AttachmentSettings;
import dev.atrium.messaging.MessagingModule;
import dev.atrium.messaging.MessagingSettings;
import dev.atrium.miniapps.MiniAppBundleSettings;
import dev.atrium.miniapps.MiniAppNoticeTargets;
import dev.atrium.miniapps.MiniAppNoticesModule;
import dev.atrium.miniapps.MiniAppPaymentsModule;
import dev.atrium.miniapps.MiniAppSettings;
import dev.atrium.miniapps.MiniAppUsersSettings;
import dev.atrium.miniapps.MiniAppsModule;
import dev.atrium.miniapps.webhooks.MiniAppWebhooksModule;
import dev.atrium.miniapps.webhooks.WebhookSettings;
import dev.atrium.notifications.NotificationsModule;
import dev.atrium.notifications.PushSettings;
import dev.atrium.notifications.WakeReason;
import dev.atrium.platform.cluster.ClusterBus;
import dev.atrium.platform.config.ConfigTree;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.wallet.WalletModule;
import dev.atrium.wallet.WalletSettings;
import dev.atrium.wallet.merchants.MerchantModule;
import dev.atrium.wallet.merchants.MerchantSettings;
import dev.atrium.wallet.sepa.SepaModule;
import dev.atrium.wallet.sepa.SepaSettings;
import java.util.List;
import java.util.function.Consumer;

/**
 * The features of one node, each built by its module in dependency order and connected to the
 * others through the ports it declares. This is the one place that lists the features: adding one
 * means a line in {@link #create}, one in {@link #all} and its reader in {@link #SETTINGS}.
 */
record NodeFeatures(
    IdentityModule identity,
    ContactsModule contacts,
    MessagingModule messaging,
    DeliveryModule delivery,
    AttachmentModule media,
    KeysModule keys,
    WalletModule wallet,
    SepaModule sepa,
    MerchantModule merchants,
    NotificationsModule notifications,
    MiniAppsModule miniapps,
    MiniAppWebhooksModule miniappWebhooks,
    MiniAppPaymentsModule miniappPayments,
    MiniAppNoticesModule miniappNotices) {

  /**
   * Every feature's settings reader, run once when the configuration loads so mistakes show before
   * start.
   */
  private static final List<Consumer<ConfigTree>> SETTINGS =
      List.of(
          IdentitySettings::read,
          ContactsSettings::read,
          MessagingSettings::read,
          DeliverySettings::read,
          AttachmentSettings::read,
          KeysSettings::read,
          WalletSettings::read,
          SepaSettings::read,
          MerchantSettings::read,
          PushSettings::read,
          MiniAppSettings::read,
          MiniAppUsersSettings::read,
          MiniAppBundleSettings::read,
          WebhookSettings::read);

  /** Reads every feature's settings, throwing the first configuration problem. */
  static void checkSettings(ConfigTree tree) {
    SETTINGS.forEach(reader -> reader.accept(tree));
  }

  /**
   * Builds every feature; {@code built} hears of each as soon as it exists, so that the caller can
   * close those already running when a later one fails.
   */
  static NodeFeatures create(FeatureContext context, ClusterBus cluster, Consumer<Feature> built) {
    IdentityModule identity = track(built, IdentityModule.create(context));
    ContactsModule contacts = track(built, ContactsModule.create(context, identity.service()));
    // Delivery and messaging need each other: messaging is built with delivery's port, then
    // delivery serves devices from messaging's log. Delivery is tracked after messaging, so it
    // closes first: the acknowledgements it coalesces are stored by messaging's writer.
    DeliveryModule delivery =
        DeliveryModule.create(context, cluster, activeDevices(identity.service()));
    MessagingModule messaging =
        track(
            built,
            MessagingModule.create(
                context,
                identity.service(),
                new ContactRulesAdapter(contacts.service()),
                delivery.events()));
    delivery.serve(messaging.conversationLog());
    track(built, delivery);
    AttachmentModule media = track(built, AttachmentModule.create(context));
    KeysModule keys =
        track(
            built,
            KeysModule.create(
                context, keyVisibility(contacts, messaging), messaging.groups()::announceDevice));
    WalletModule wallet =
        track(
            built,
            WalletModule.create(
                context, identity.service(), new ConversationDirectoryAdapter(messaging.groups())));
    SepaModule sepa = track(built, SepaModule.create(context, wallet));
    MerchantModule merchants = track(built, MerchantModule.create(context, wallet, sepa));
    NotificationsModule notifications =
        track(
            built,
            NotificationsModule.create(
                context,
                new ConversationMembershipAdapter(messaging.groups()),
                delivery::isConnected,
                identity.service()::deviceIds));
    // Built before the registry, which answers its endpoints (WebhookEndpoints) and serves its
    // routes.
    MiniAppWebhooksModule miniappWebhooks = track(built, MiniAppWebhooksModule.create(context));
    MiniAppsModule miniapps =
        track(
            built,
            MiniAppsModule.create(
                context,
                sepa.operator()::require,
                miniappWebhooks,
                accountId -> displayName(identity.service(), accountId)));
    MiniAppPaymentsModule miniappPayments =
        track(
            built,
            MiniAppPaymentsModule.create(
                context, miniapps, new MiniAppCashierAdapter(merchants.service())));
    delivery.tellPublished(new WakeOnPublishedAdapter(notifications.waker()));
    contacts
        .service()
        .tellRequests(
            recipientAccountId ->
                notifications.waker().wakeAccount(recipientAccountId, WakeReason.CONTACT_REQUEST));
    sepa.service()
        .tellMoneyReceived(
            accountId -> notifications.waker().wakeAccount(accountId, WakeReason.PAYMENT));
    MiniAppNoticesModule miniappNotices =
        track(
            built,
            MiniAppNoticesModule.create(
                context,
                miniapps,
                miniapps.users(),
                noticeTargets(identity.service(), notifications),
                delivery.events()));
    return new NodeFeatures(
        identity,
        contacts,
        messaging,
        delivery,
        media,
        keys,
        wallet,
        sepa,
        merchants,
        notifications,
        miniapps,
        miniappWebhooks,
        miniappPayments,
        miniappNotices);
  }

  /**
   * Every feature, in the order they were built: account data registers in this order (it is the
   * order of the export's sections and of deletion), and closing goes the other way.
   */
  List<Feature> all() {
    return List.of(
        identity,
        contacts,
        messaging,
        delivery,
        media,
        keys,
        wallet,
        sepa,
        merchants,
        notifications,
        miniapps,
        miniappWebhooks,
        miniappPayments,
        miniappNotices);
  }

  /**
   * Who may see an account's device keys and claim its key packages: anyone one of these rules
   * admits: the account itself, its contacts, and anyone it shares a conversation with.
   */
  private static KeyVisibility keyVisibility(ContactsModule contacts, MessagingModule messaging) {
    return KeyVisibility.anyOf(
        List.of(
            (requester, target) -> requester.equals(target),
            contacts.service()::areContacts,
            messaging.groups()::shareConversation));
  }

  /** A notice's receiver: its language from identity, its closed apps woken by Web Push. */
  private static MiniAppNoticeTargets noticeTargets(
      IdentityService identity, NotificationsModule notifications) {
    return new MiniAppNoticeTargets() {
      @Override
      public String languageOf(String accountId) {
        return identity.account(accountId).language().code();
      }

      @Override
      public void wake(String accountId) {
        notifications.waker().wakeAccount(accountId, WakeReason.MINIAPP_NOTICE);
      }
    };
  }

  /** A device is current while identity still knows its owner (not logged out, not revoked). */
  private static ActiveDevices activeDevices(IdentityService identity) {
    return deviceId -> !identity.deviceOwners(List.of(deviceId)).isEmpty();
  }

  /** The name a mini-program sees with the profile grant: the display name, else the username. */
  private static String displayName(IdentityService identity, String accountId) {
    Account account = identity.account(accountId);
    String name = account.displayName();
    return name == null || name.isBlank() ? account.username() : name;
  }

  private static <F extends Feature> F track(Consumer<Feature> built, F feature) {
    built.accept(feature);
    return feature;
  }
}
