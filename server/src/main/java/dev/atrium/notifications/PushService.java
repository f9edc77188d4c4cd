package dev.atrium.notifications;

import com.interaso.webpush.VapidKeys;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Caller;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;

/**
 * Web Push for Atrium's devices: each device may register the subscription its browser made, and
 * other features wake devices through {@link DeviceWaker}. A wake-up says only why (a message, a
 * request, a payment); the app fetches and decrypts once awake.
 */
public final class PushService implements DeviceWaker, PushSender.Subscriptions {
  static final int ENDPOINT_CHARS_MAX = 2_048;

  /** A group has at most this many devices to look at for one wake-up. */
  private static final int CONVERSATION_DEVICES_MAX = 10_000;

  /** How long "nobody has a subscription" is believed before the table is asked again. */
  private static final long ANY_SUBSCRIPTION_CACHE_MILLIS = 5_000;

  private static final int EXPORT_ROWS_MAX = 1_000;
  private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();
  private static final X9ECParameters P256 = ECNamedCurveTable.getByName("secp256r1");

  private final Database database;
  private final Clock clock;
  private final PushSettings settings;
  private final PushSubscriptionStore store = new PushSubscriptionStore();
  private final VapidKeys vapidKeys;
  private final ConversationMembership conversations;
  private final MuteService mutes;
  private final LiveDevices liveDevices;
  private final AccountDevices accountDevices;
  private PushSender sender;
  private volatile boolean anySubscription = true;
  private volatile boolean anySubscriptionChecked;
  private volatile long anySubscriptionCheckedAt;

  PushService(
      Database database,
      Clock clock,
      PushSettings settings,
      ConversationMembership conversations,
      MuteService mutes,
      LiveDevices liveDevices,
      AccountDevices accountDevices) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
    this.conversations = conversations;
    this.mutes = mutes;
    this.liveDevices = liveDevices;
    this.accountDevices = accountDevices;
    this.vapidKeys = loadOrCreateKeys();
  }

  void attach(PushSender sender) {
    this.sender = sender;
  }

  PushSettings settings() {
    return settings;
  }

  VapidKeys vapidKeys() {
    return vapidKeys;
  }

  /** The VAPID public key browsers subscribe with ({@code applicationServerKey}), base64url. */
  String applicationServerKey() {
    requireEnabled();
    return BASE64_URL.encodeToString(vapidKeys.getApplicationServerKey());
  }

  /** Stores (or replaces) the calling device's subscription after checking every part of it. */
  PushSubscription subscribe(Caller caller, String endpoint, String p256dh, String auth) {
    requireEnabled();
    String checkedEndpoint = checkEndpoint(endpoint);
    byte[] publicKey = decodeField(p256dh, "keys.p256dh");
    if (publicKey.length != 65 || publicKey[0] != 0x04 || !isPointOnCurve(publicKey)) {
      throw RequestError.validation(
          "keys.p256dh", "Must be an uncompressed P-256 public key (65 bytes), base64url.");
    }
    byte[] secret = decodeField(auth, "keys.auth");
    if (secret.length != 16) {
      throw RequestError.validation(
          "keys.auth", "Must be the 16-byte authentication secret, base64url.");
    }
    PushSubscription subscription =
        new PushSubscription(
            caller.deviceId(),
            caller.accountId(),
            checkedEndpoint,
            BASE64_URL.encodeToString(publicKey),
            BASE64_URL.encodeToString(secret),
            clock.millis(),
            null);
    database.inTransaction(
        handle -> {
          store.upsert(handle, subscription);
          return null;
        });
    anySubscription = true;
    return subscription;
  }

  PushSubscription subscription(Caller caller) {
    return database
        .read(handle -> store.find(handle, caller.deviceId()))
        .orElseThrow(PushError.NoSubscription::new);
  }

  void unsubscribe(Caller caller) {
    boolean deleted = database.inTransaction(handle -> store.delete(handle, caller.deviceId()));
    if (!deleted) {
      throw new PushError.NoSubscription();
    }
  }

  @Override
  public void wakeDevices(Collection<String> deviceIds, WakeReason reason) {
    PushSender current = sender;
    if (settings.enabled() && current != null) {
      deviceIds.forEach(deviceId -> current.enqueue(PushSender.Wake.device(deviceId, reason)));
    }
  }

  @Override
  public void wakeAccount(String accountId, WakeReason reason) {
    PushSender current = sender;
    if (settings.enabled() && current != null) {
      current.enqueue(PushSender.Wake.account(accountId, reason));
    }
  }

  @Override
  public void wakeConversation(String conversationId, String exceptDeviceId, WakeReason reason) {
    PushSender current = sender;
    if (settings.enabled() && current != null) {
      current.enqueue(PushSender.Wake.conversation(conversationId, exceptDeviceId, reason));
    }
  }

  /** Runs on a sender worker, so the lookups never slow the feature that asked for the wake-up. */
  @Override
  public List<String> targets(PushSender.Wake wake) {
    if (!anySubscription()) {
      return List.of();
    }
    if (wake.deviceId() != null) {
      return liveDevices.isConnected(wake.deviceId()) ? List.of() : List.of(wake.deviceId());
    }
    if (wake.accountId() != null) {
      return accountDevices.deviceIdsOf(wake.accountId()).stream()
          .filter(deviceId -> !liveDevices.isConnected(deviceId))
          .toList();
    }
    Map<String, String> accountByDevice =
        conversations.memberDevices(wake.conversationId(), CONVERSATION_DEVICES_MAX);
    Set<String> muting = mutes.mutingAccounts(wake.conversationId());
    return accountByDevice.entrySet().stream()
        .filter(
            device ->
                !device.getKey().equals(wake.exceptDeviceId())
                    && !muting.contains(device.getValue())
                    && !liveDevices.isConnected(device.getKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Whether any device has a subscription: without one, wake-ups cost no lookups at all. */
  private boolean anySubscription() {
    long now = clock.millis();
    if (!anySubscriptionChecked
        || now - anySubscriptionCheckedAt >= ANY_SUBSCRIPTION_CACHE_MILLIS) {
      anySubscription = database.read(store::any);
      anySubscriptionCheckedAt = now;
      anySubscriptionChecked = true;
    }
    return anySubscription;
  }

  @Override
  public PushSubscription claimWake(String deviceId) {
    long now = clock.millis();
    return database.inTransaction(
        handle ->
            store.claimWake(handle, deviceId, now, settings.wakeIntervalMillis())
                ? store.find(handle, deviceId).orElse(null)
                : null);
  }

  @Override
  public void gone(PushSubscription subscription) {
    database.inTransaction(
        handle -> {
          store.deleteIfEndpoint(handle, subscription.deviceId(), subscription.endpoint());
          return null;
        });
  }

  /**
   * The account's subscriptions for its data export: where its devices are woken, and since when.
   */
  Object export(String accountId) {
    List<PushSubscription> subscriptions =
        database.read(handle -> store.listByAccount(handle, accountId, EXPORT_ROWS_MAX));
    return subscriptions.stream()
        .map(
            subscription -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("deviceId", subscription.deviceId());
              row.put("endpoint", subscription.endpoint());
              row.put(
                  "createdAt",
                  java.time.Instant.ofEpochMilli(subscription.createdAtMillis()).toString());
              return row;
            })
        .toList();
  }

  void deleteAllOf(String accountId) {
    database.inTransaction(
        handle -> {
          store.deleteAllOf(handle, accountId);
          return null;
        });
  }

  /** A revoked device is never woken again, even before its row goes with the device. */
  void forgetDevice(String deviceId) {
    database.inTransaction(handle -> store.delete(handle, deviceId));
  }

  private void requireEnabled() {
    if (!settings.enabled()) {
      throw new PushError.PushDisabled();
    }
  }

  private String checkEndpoint(String endpoint) {
    if (endpoint.length() > ENDPOINT_CHARS_MAX) {
      throw RequestError.validation("endpoint", "At most " + ENDPOINT_CHARS_MAX + " characters.");
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw RequestError.validation("endpoint", "Must be an absolute https URL.");
    }
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    boolean http = "http".equalsIgnoreCase(uri.getScheme());
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null
        || !(https || (http && settings.allowLocalEndpoints()))) {
      throw RequestError.validation(
          "endpoint", "Must be an absolute https URL without user or fragment.");
    }
    if (!settings.allowLocalEndpoints() && PushSender.isLocal(uri.getHost())) {
      throw RequestError.validation(
          "endpoint", "Must be a push service on the internet, not a local address.");
    }
    return uri.toString();
  }

  private static byte[] decodeField(String value, String field) {
    try {
      return Base64.getUrlDecoder()
          .decode(value.endsWith("=") ? value.replaceAll("=+$", "") : value);
    } catch (IllegalArgumentException e) {
      throw RequestError.validation(field, "Must be base64url.");
    }
  }

  /** Bouncy Castle checks the point lies on P-256; the JCA key factories take any coordinates. */
  private static boolean isPointOnCurve(byte[] uncompressed) {
    try {
      return P256.getCurve().decodePoint(uncompressed).isValid();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private VapidKeys loadOrCreateKeys() {
    return database.inTransaction(
        handle -> {
          if (store.serverKeys(handle).isEmpty()) {
            VapidKeys generated = VapidKeys.generate();
            store.insertServerKeysIfAbsent(
                handle,
                generated.getX509PublicKey(),
                generated.getPkcs8PrivateKey(),
                clock.millis());
          }
          String[] stored = store.serverKeys(handle).orElseThrow();
          return VapidKeys.create(stored[0], stored[1]);
        });
  }
}
