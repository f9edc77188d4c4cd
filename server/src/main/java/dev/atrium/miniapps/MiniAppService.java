package dev.atrium.miniapps;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.security.SecretTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The mini-program registry: providers register and edit their apps and rotate their secret, the
 * operator reviews them, users browse the approved ones, and provider servers authenticate with the
 * app's id and secret. Thread-safe: all state is in the database.
 */
public final class MiniAppService {
  public static final int LIST_ROWS_MAX = 100;
  public static final int CATALOGUE_ROWS_DEFAULT = 50;

  /** The prefix of every app id; with 16 base32 characters (80 bits) a DNS label. */
  static final String APP_ID_PREFIX = "ma";

  static final String SECRET_PREFIX = "mas";
  static final String DELETED_OWNER_REASON = "The provider's account was deleted.";
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database database;
  private final MiniAppStore store = new MiniAppStore();
  private final MiniAppSettings settings;
  private final Clock clock;

  public MiniAppService(Database database, MiniAppSettings settings, Clock clock) {
    this.database = database;
    this.settings = settings;
    this.clock = clock;
  }

  /** A new app and its secret, which exists only in this value: the store keeps its hash. */
  public record Registered(MiniApp app, String secret) {}

  // Providers

  /** Registers an app for review; 409 past the per-account limit. */
  Registered register(String ownerAccountId, MiniAppListing listing) {
    long now = clock.millis();
    MiniApp app =
        new MiniApp(
            newAppId(),
            ownerAccountId,
            MiniAppRules.name(listing.name()),
            MiniAppRules.icon(listing.icon()),
            MiniAppRules.category(listing.category()),
            MiniAppRules.description(listing.description()),
            MiniAppRules.languages(listing.languages()),
            MiniAppRules.domains(listing.domains(), settings.developmentMode()),
            MiniAppRules.scopes(listing.scopes()),
            MiniAppRules.webhookUrl(listing.webhookUrl(), settings.developmentMode()),
            MiniApp.Status.PENDING_REVIEW,
            null,
            now,
            now,
            null);
    String secret = newSecret();
    database.inTransaction(
        handle -> {
          // Counted in the transaction. On PostgreSQL, racing registrations of one account may
          // pass the limit by their number; the limit is against clutter, so that is tolerated.
          if (store.countOf(handle, ownerAccountId) >= settings.appsPerAccountMax()) {
            throw new MiniAppError.TooMany(settings.appsPerAccountMax());
          }
          store.insert(handle, app, SecretTokens.sha256Hex(secret));
          return null;
        });
    return new Registered(app, secret);
  }

  /** The account's own apps, oldest first, at most {@link #LIST_ROWS_MAX}. */
  public List<MiniApp> appsOf(String ownerAccountId) {
    return database.read(handle -> store.appsOf(handle, ownerAccountId, LIST_ROWS_MAX));
  }

  /** The caller's own app; anyone else's looks like no app at all (404). */
  public MiniApp owned(String ownerAccountId, String appId) {
    return app(appId)
        .filter(app -> app.ownerAccountId().equals(ownerAccountId))
        .orElseThrow(MiniAppError.NotFound::new);
  }

  /**
   * Edits the listing: null fields stay. PRODUCT: like WeChat, an approved app whose scopes or
   * network domains change goes back to review (users consented to what was reviewed); a rejected
   * app that is edited is resubmitted for review; a suspended app stays suspended.
   */
  MiniApp edit(String ownerAccountId, String appId, MiniAppListing change) {
    boolean development = settings.developmentMode();
    return database.inTransaction(
        handle -> {
          MiniApp app =
              store
                  .app(handle, appId)
                  .filter(found -> found.ownerAccountId().equals(ownerAccountId))
                  .orElseThrow(MiniAppError.NotFound::new);
          List<String> domains =
              change.domains() == null
                  ? app.domains()
                  : MiniAppRules.domains(change.domains(), development);
          List<MiniApp.ScopeRequest> scopes =
              change.scopes() == null ? app.scopes() : MiniAppRules.scopes(change.scopes());
          MiniApp edited =
              new MiniApp(
                  app.appId(),
                  app.ownerAccountId(),
                  change.name() == null ? app.name() : MiniAppRules.name(change.name()),
                  change.icon() == null ? app.icon() : MiniAppRules.icon(change.icon()),
                  change.category() == null
                      ? app.category()
                      : MiniAppRules.category(change.category()),
                  change.description() == null
                      ? app.description()
                      : MiniAppRules.description(change.description()),
                  change.languages() == null
                      ? app.languages()
                      : MiniAppRules.languages(change.languages()),
                  domains,
                  scopes,
                  change.webhookUrl() == null
                      ? app.webhookUrl()
                      : MiniAppRules.webhookUrl(change.webhookUrl(), development),
                  statusAfterEdit(app, domains, scopes),
                  app.statusReason(),
                  app.createdAtMillis(),
                  clock.millis(),
                  app.decidedAtMillis());
          store.updateListing(handle, edited);
          return edited;
        });
  }

  /** A new secret for the caller's app; the old one stops working at once. */
  String rotateSecret(String ownerAccountId, String appId) {
    MiniApp app = owned(ownerAccountId, appId);
    String secret = newSecret();
    database.inTransaction(
        handle -> {
          store.replaceSecret(handle, app.appId(), SecretTokens.sha256Hex(secret), clock.millis());
          return null;
        });
    return secret;
  }

  // The operator

  public List<MiniApp> appsWithStatus(MiniApp.Status status) {
    return database.read(handle -> store.appsWithStatus(handle, status, LIST_ROWS_MAX));
  }

  /** Approves an app pending review (or rejected before): it is listed and may call the API. */
  public MiniApp approve(String appId) {
    MiniApp app = requireApp(appId);
    MiniApp.Status from = app.status();
    if (from != MiniApp.Status.PENDING_REVIEW && from != MiniApp.Status.REJECTED) {
      throw new MiniAppError.StatusConflict(from, "approved");
    }
    return decide(appId, from, MiniApp.Status.APPROVED, null, "approved");
  }

  /** Rejects an app pending review, with the reason its provider sees. */
  public MiniApp reject(String appId, String reason) {
    return decide(
        appId,
        MiniApp.Status.PENDING_REVIEW,
        MiniApp.Status.REJECTED,
        MiniAppRules.reason(reason),
        "rejected");
  }

  /**
   * Takes an app offline at once, with the reason its provider sees: the catalogue hides it and
   * every provider call is refused (403), since each call reads the status. Only approved apps are
   * suspended; one under review is rejected instead, so resuming never skips a review.
   */
  public MiniApp suspend(String appId, String reason) {
    return decide(
        appId,
        MiniApp.Status.APPROVED,
        MiniApp.Status.SUSPENDED,
        MiniAppRules.reason(reason),
        "suspended");
  }

  /** Brings a suspended app back: approved again. */
  public MiniApp resume(String appId) {
    return decide(appId, MiniApp.Status.SUSPENDED, MiniApp.Status.APPROVED, null, "resumed");
  }

  // Users and other features

  /** Approved apps matching {@code text} (name or description) and the category, by name. */
  List<MiniApp> catalogue(String text, MiniApp.Category category, int limit) {
    return database.read(
        handle -> store.catalogue(handle, text, category, Math.min(limit, LIST_ROWS_MAX)));
  }

  /** An approved app; 404 for any other, so what is under review or suspended stays unseen. */
  public MiniApp listed(String appId) {
    return app(appId).filter(MiniApp::isLive).orElseThrow(MiniAppError.NotFound::new);
  }

  /** Any app by id, whatever its status; callers check {@link MiniApp#isLive()}. */
  public Optional<MiniApp> app(String appId) {
    if (!looksLikeAppId(appId)) {
      return Optional.empty();
    }
    return database.read(handle -> store.app(handle, appId));
  }

  /**
   * The app whose server presents {@code appId} and {@code secret}: 401 {@code
   * miniapp_credentials_required} for an unknown app or a wrong secret (compared as SHA-256 in
   * constant time), 403 {@code miniapp_not_approved} when the secret is right but the app is not
   * approved (pending review, rejected, suspended). The status is read on every call, so a
   * suspension takes effect on the next request.
   */
  public MiniApp authenticate(String appId, String secret) {
    if (secret == null || !looksLikeAppId(appId)) {
      throw new MiniAppError.CredentialsRequired();
    }
    Optional<String> storedHash = database.read(handle -> store.secretHash(handle, appId));
    byte[] presented = SecretTokens.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII);
    if (storedHash.isEmpty()
        || !MessageDigest.isEqual(
            presented, storedHash.get().getBytes(StandardCharsets.US_ASCII))) {
      throw new MiniAppError.CredentialsRequired();
    }
    MiniApp app = app(appId).orElseThrow(MiniAppError.CredentialsRequired::new);
    if (!app.isLive()) {
      throw new MiniAppError.NotLive(app.status());
    }
    return app;
  }

  // Account data

  /** What the account export shows: the apps the account registered (never their secrets). */
  public List<MiniApp> export(String accountId) {
    return appsOf(accountId);
  }

  /**
   * PRODUCT: deleting a provider's account takes its apps offline (suspended, with a reason) rather
   * than refusing; the rows stay so that no one else can take over their ids and host names.
   */
  public void onAccountDeleted(String accountId) {
    database.inTransaction(
        handle -> {
          store.suspendAllOf(handle, accountId, DELETED_OWNER_REASON, clock.millis());
          return null;
        });
  }

  /** Whether {@code text} has the shape of an app id: {@code ma} + 16 base32 characters. */
  static boolean looksLikeAppId(String text) {
    return text != null && text.matches("ma[a-z2-7]{16}");
  }

  private MiniApp decide(
      String appId, MiniApp.Status from, MiniApp.Status to, String reason, String action) {
    return database.inTransaction(
        handle -> {
          MiniApp app = store.app(handle, appId).orElseThrow(MiniAppError.NotFound::new);
          if (!store.decide(handle, appId, from, to, reason, clock.millis())) {
            throw new MiniAppError.StatusConflict(app.status(), action);
          }
          return store.app(handle, appId).orElseThrow();
        });
  }

  private MiniApp requireApp(String appId) {
    return app(appId).orElseThrow(MiniAppError.NotFound::new);
  }

  private static MiniApp.Status statusAfterEdit(
      MiniApp app, List<String> domains, List<MiniApp.ScopeRequest> scopes) {
    return switch (app.status()) {
      case APPROVED ->
          domains.equals(app.domains()) && scopes.equals(app.scopes())
              ? MiniApp.Status.APPROVED
              : MiniApp.Status.PENDING_REVIEW;
      case REJECTED -> MiniApp.Status.PENDING_REVIEW;
      case PENDING_REVIEW, SUSPENDED -> app.status();
    };
  }

  /** The secret the provider's server presents; the app id is its public half, sent beside it. */
  private static String newSecret() {
    return SecretTokens.newSecret(SECRET_PREFIX);
  }

  private static String newAppId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    StringBuilder id = new StringBuilder(APP_ID_PREFIX);
    long bits = 0;
    int count = 0;
    for (byte b : bytes) {
      bits = (bits << 8) | (b & 0xff);
      count += 8;
      while (count >= 5) {
        id.append(BASE32[(int) (bits >>> (count - 5)) & 31]);
        count -= 5;
      }
    }
    return id.toString();
  }
}
