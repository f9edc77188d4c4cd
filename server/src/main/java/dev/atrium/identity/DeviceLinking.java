package dev.atrium.identity;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging a new browser in by QR code, as Signal and WhatsApp link devices: the new browser asks
 * for a link and shows its code as a QR code; a logged-in device scans it and approves; the new
 * browser collects its session with a secret only it holds. Nothing about the account reaches the
 * new browser before approval, and each link yields at most one device. Thread-safe.
 */
final class DeviceLinking {
  static final String CODE_PREFIX = "dl";
  static final String POLL_SECRET_PREFIX = "dlp";
  private static final Logger LOG = LoggerFactory.getLogger(DeviceLinking.class);

  private final Database database;
  private final RateLimits rateLimits;
  private final Clock clock;
  private final IdentitySettings settings;
  private final DeviceLinkStore links = new DeviceLinkStore();
  private final AccountStore accounts = new AccountStore();
  private final DeviceStore devices = new DeviceStore();

  DeviceLinking(Database database, RateLimits rateLimits, Clock clock, IdentitySettings settings) {
    this.database = database;
    this.rateLimits = rateLimits;
    this.clock = clock;
    this.settings = settings;
  }

  /** A new link: its code (for the QR code) and poll secret are returned once, stored as hashes. */
  record Created(String code, String pollSecret, long expiresAtMillis) {}

  /**
   * Where a link stands for the new browser; {@code session} only in the one answer that issues it.
   */
  record PollResult(PollStatus status, long expiresAtMillis, IdentityService.Session session) {}

  enum PollStatus {
    PENDING,
    APPROVED,
    DECLINED,
    EXPIRED
  }

  Created create(String deviceName, String clientAddress) {
    rateLimits.acquire(RateLimiter.DEVICE_LINK_PER_IP, clientAddress);
    String code = SecretTokens.newSecret(CODE_PREFIX);
    String pollSecret = SecretTokens.newSecret(POLL_SECRET_PREFIX);
    long now = clock.millis();
    DeviceLink link =
        new DeviceLink(
            SecretTokens.sha256Hex(code),
            deviceName,
            DeviceLink.Status.PENDING,
            null,
            now,
            now + settings.deviceLinkTtlMillis());
    database.inTransaction(
        handle -> {
          links.deleteExpired(handle, now);
          links.insert(handle, link, SecretTokens.sha256Hex(pollSecret));
          return null;
        });
    return new Created(code, pollSecret, link.expiresAtMillis());
  }

  /** The pending link behind a scanned code, for the approving device to show before it decides. */
  DeviceLink pending(String code) {
    long now = clock.millis();
    return database
        .read(handle -> links.findByCodeHash(handle, SecretTokens.sha256Hex(code)))
        .filter(link -> link.status() == DeviceLink.Status.PENDING && !link.isExpired(now))
        .orElseThrow(() -> new IdentityError.NotFound("device link"));
  }

  void approve(Caller caller, String code) {
    answer(caller, code, DeviceLink.Status.APPROVED);
    LOG.info(
        "event=device_link_approved accountId={} byDeviceId={}",
        caller.accountId(),
        caller.deviceId());
  }

  void decline(Caller caller, String code) {
    answer(caller, code, DeviceLink.Status.DECLINED);
  }

  /**
   * Where the link stands. An approved link becomes a device here, in the same transaction that
   * deletes the link, so two polls racing with the same secret get one session between them.
   */
  PollResult poll(String pollSecret, String clientAddress) {
    rateLimits.acquire(RateLimiter.DEVICE_LINK_POLL_PER_IP, clientAddress);
    long now = clock.millis();
    String pollSecretHash = SecretTokens.sha256Hex(pollSecret);
    DeviceLink link =
        database
            .read(handle -> links.findByPollSecretHash(handle, pollSecretHash))
            .orElseThrow(() -> new IdentityError.NotFound("device link"));
    return switch (link.status()) {
      case PENDING ->
          new PollResult(
              link.isExpired(now) ? PollStatus.EXPIRED : PollStatus.PENDING,
              link.expiresAtMillis(),
              null);
      case DECLINED -> {
        database.inTransaction(handle -> links.delete(handle, link.codeHash()));
        yield new PollResult(PollStatus.DECLINED, link.expiresAtMillis(), null);
      }
      // An approval not collected in time lapses, so a link never yields a device late.
      case APPROVED ->
          link.isExpired(now)
              ? new PollResult(PollStatus.EXPIRED, link.expiresAtMillis(), null)
              : new PollResult(
                  PollStatus.APPROVED, link.expiresAtMillis(), issueSession(link, now));
    };
  }

  private void answer(Caller caller, String code, DeviceLink.Status answer) {
    long now = clock.millis();
    String codeHash = SecretTokens.sha256Hex(code);
    boolean answered =
        database.inTransaction(
            handle -> {
              Optional<DeviceLink> link = links.findByCodeHash(handle, codeHash);
              if (link.isEmpty() || link.get().isExpired(now)) {
                throw new IdentityError.NotFound("device link");
              }
              return links.answer(
                  handle, codeHash, answer, caller.accountId(), caller.deviceId(), now);
            });
    if (!answered) {
      throw new IdentityError.DeviceLinkAnswered();
    }
  }

  /**
   * The new device, made from an approved link. Approval itself does not hold a device slot, so
   * links that are never collected cost the account nothing; the slot is taken here.
   */
  private IdentityService.Session issueSession(DeviceLink link, long now) {
    String token = SecretTokens.newSecret(IdentityService.TOKEN_PREFIX);
    Device device = new Device(SecretTokens.newId(), link.accountId(), link.deviceName(), now, now);
    Account account =
        database.inTransaction(
            handle -> {
              if (!links.delete(handle, link.codeHash())) {
                throw new IdentityError.NotFound("device link");
              }
              if (!accounts.reserveDeviceSlot(
                  handle, link.accountId(), settings.devicesPerAccountMax())) {
                boolean active =
                    accounts
                        .findById(handle, link.accountId())
                        .map(found -> found.status() == AccountStatus.ACTIVE)
                        .orElse(false);
                throw active
                    ? new IdentityError.DeviceLimitReached(settings.devicesPerAccountMax())
                    : new IdentityError.AccountDisabled();
              }
              devices.insert(handle, device, SecretTokens.sha256Hex(token));
              return accounts.findById(handle, link.accountId()).orElseThrow();
            });
    LOG.info("event=device_linked accountId={} deviceId={}", account.id(), device.id());
    return new IdentityService.Session(account, device, token);
  }
}
