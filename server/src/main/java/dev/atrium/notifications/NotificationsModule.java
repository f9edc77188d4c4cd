package dev.atrium.notifications;

import com.interaso.webpush.WebPush;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.BackgroundJob;
import dev.atrium.platform.feature.DeviceRevocationListener;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds the notifications feature: Web Push subscriptions per device, the sender that wakes
 * devices, and the {@link DeviceWaker} port other features call. Closing it stops the sender.
 */
public final class NotificationsModule implements Feature {
  private final PushService service;
  private final PushSender sender;
  private final RouteModule routes;

  private final MuteService mutes;

  private NotificationsModule(PushService service, MuteService mutes, PushSender sender) {
    this.service = service;
    this.mutes = mutes;
    this.sender = sender;
    this.routes =
        api -> {
          new PushRoutes(service).register(api);
          new MuteRoutes(mutes).register(api);
        };
  }

  /**
   * {@code conversations} names the devices to wake for a conversation and who may mute it; {@code
   * liveDevices} says which devices are connected to this node and need no wake-up; {@code
   * accountDevices} names an account's devices.
   */
  public static NotificationsModule create(
      FeatureContext context,
      ConversationMembership conversations,
      LiveDevices liveDevices,
      AccountDevices accountDevices) {
    PushSettings settings = PushSettings.read(context.config());
    MuteService mutes = new MuteService(context.database(), context.clock(), conversations);
    PushService service =
        new PushService(
            context.database(),
            context.clock(),
            settings,
            conversations,
            mutes,
            liveDevices,
            accountDevices);
    PushSender sender =
        new PushSender(
            settings,
            new WebPush(settings.subject(), service.vapidKeys()),
            service,
            context.metrics());
    service.attach(sender);
    return new NotificationsModule(service, mutes, sender);
  }

  /** How other features wake devices whose app is not connected. */
  public DeviceWaker waker() {
    return service;
  }

  @Override
  public RouteModule routes() {
    return routes;
  }

  @Override
  public List<AccountDataProvider> accountData() {
    return List.of(
        AccountDataProvider.of("pushSubscriptions", service::export, service::deleteAllOf),
        AccountDataProvider.of("mutedChats", mutes::export, mutes::deleteAllOf));
  }

  @Override
  public List<DeviceRevocationListener> deviceRevocationListeners() {
    return List.of((accountId, deviceId) -> service.forgetDevice(deviceId));
  }

  @Override
  public List<BackgroundJob> backgroundJobs() {
    return List.of(sender::start);
  }

  @Override
  public void close() {
    sender.close();
  }
}
