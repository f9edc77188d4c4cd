package dev.atrium.miniapps;

import dev.atrium.miniapps.MiniAppUsersStore.Access;
import dev.atrium.miniapps.MiniAppUsersStore.Grant;
import dev.atrium.miniapps.MiniAppUsersStore.Item;
import dev.atrium.miniapps.MiniAppUsersStore.UserRow;
import dev.atrium.miniapps.webhooks.WebhookEventTypes;
import dev.atrium.miniapps.webhooks.WebhookOutbox;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The people who use mini-programs: one-tap login (codes exchanged for pseudonymous ids), consents
 * and their revocation (with the {@code consent.revoked} webhook in the same transaction), the
 * access log, and the account's export and deletion. Thread-safe: all state is in the database.
 */
public final class MiniAppUsers implements MiniAppUserLookup {
  static final int LIST_ROWS_MAX = 100;
  static final int EXPORT_ROWS_MAX = 10_000;
  private static final Set<MiniApp.Scope> CONSENTABLE =
      Set.of(MiniApp.Scope.PROFILE, MiniApp.Scope.LOCATION);

  private final Database database;
  private final MiniAppUsersStore store;
  private final Pseudonyms pseudonyms;
  private final MiniAppService registry;
  private final WebhookOutbox outbox;
  private final DisplayNames displayNames;
  private final RateLimits rateLimits;
  private final MiniAppUsersSettings settings;
  private final Clock clock;

  /** Everything the service talks to. */
  record Deps(
      Database database,
      MiniAppUsersStore store,
      Pseudonyms pseudonyms,
      MiniAppService registry,
      WebhookOutbox outbox,
      DisplayNames displayNames,
      RateLimits rateLimits,
      MiniAppUsersSettings settings,
      Clock clock) {}

  MiniAppUsers(Deps deps) {
    this.database = deps.database();
    this.store = deps.store();
    this.pseudonyms = deps.pseudonyms();
    this.registry = deps.registry();
    this.outbox = deps.outbox();
    this.displayNames = deps.displayNames();
    this.rateLimits = deps.rateLimits();
    this.settings = deps.settings();
    this.clock = deps.clock();
  }

  /** A login code, shown only here, and when it stops working. */
  record LoginCode(String code, long expiresAtMillis) {}

  /** What the provider learns from a code. */
  record Exchanged(String openId, List<String> grantedScopes) {}

  /** The account's view of one app it used. */
  record UsedApp(MiniApp app, List<Grant> grants, long firstLoginAt, long lastSeenAt) {}

  /** What the profile scope lets an app read. */
  record Profile(String openId, String displayName) {}

  // Login

  /** A new login code for a listed app; the account becomes (or stays) one of its users. */
  LoginCode newLoginCode(String accountId, String appId) {
    MiniApp app = registry.listed(appId);
    rateLimits.acquire(RateLimiter.MINIAPP_LOGIN_CODE_PER_ACCOUNT, accountId);
    String code = SecretTokens.newSecret("mlc");
    long now = clock.millis();
    long expiresAt = now + settings.loginCodeTtlSeconds() * 1_000L;
    String openId = pseudonyms.openId(accountId, app.appId());
    database.inTransaction(
        handle -> {
          store.deleteExpiredCodes(handle, now);
          store.touchUser(handle, app.appId(), accountId, openId, now);
          store.insertCode(handle, SecretTokens.sha256Hex(code), app.appId(), accountId, expiresAt);
          return null;
        });
    return new LoginCode(code, expiresAt);
  }

  /** Exchanges a code for the user's openId; any code that is not the app's, live and new: 400. */
  Exchanged exchange(MiniApp app, String code) {
    if (code == null || code.isEmpty() || code.length() > 200) {
      throw new MiniAppUsersError.InvalidLoginCode();
    }
    long now = clock.millis();
    return database.inTransaction(
        handle -> {
          String accountId =
              store
                  .consumeCode(handle, SecretTokens.sha256Hex(code), app.appId(), now)
                  .orElseThrow(MiniAppUsersError.InvalidLoginCode::new);
          String openId = pseudonyms.openId(accountId, app.appId());
          store.touchUser(handle, app.appId(), accountId, openId, now);
          return new Exchanged(openId, scopes(store.grants(handle, app.appId(), accountId)));
        });
  }

  // Consent

  /** Grants a scope the app requested (profile or location). */
  List<Grant> grant(String accountId, String appId, String scopeText) {
    MiniApp app = registry.listed(appId);
    MiniApp.Scope scope = MiniApp.Scope.fromWire(scopeText);
    if (scope == null || !CONSENTABLE.contains(scope)) {
      throw new MiniAppUsersError.NotConsentable();
    }
    if (app.scopes().stream().noneMatch(request -> request.scope() == scope)) {
      throw new MiniAppUsersError.ScopeNotRequested(scope.wire());
    }
    long now = clock.millis();
    String openId = pseudonyms.openId(accountId, app.appId());
    return database.inTransaction(
        handle -> {
          store.touchUser(handle, app.appId(), accountId, openId, now);
          store.grant(handle, app.appId(), accountId, scope.wire(), now);
          return store.grants(handle, app.appId(), accountId);
        });
  }

  /**
   * Revokes one scope, or every one when {@code scope} is null; the app hears of it through a
   * {@code consent.revoked} webhook written in the same transaction. Works for any app the account
   * used, listed or not, so access can always be withdrawn.
   */
  void revoke(String accountId, String appId, String scope) {
    if (!MiniAppService.looksLikeAppId(appId)) {
      throw new MiniAppError.NotFound();
    }
    database.inTransaction(
        handle -> {
          String openId =
              store.openIdOf(handle, appId, accountId).orElseThrow(MiniAppError.NotFound::new);
          List<String> revoked =
              scopes(store.grants(handle, appId, accountId)).stream()
                  .filter(granted -> scope == null || granted.equals(scope))
                  .filter(granted -> store.revoke(handle, appId, accountId, granted))
                  .toList();
          if (!revoked.isEmpty()) {
            outbox.enqueue(
                handle,
                appId,
                WebhookEventTypes.CONSENT_REVOKED,
                Map.of("openId", openId, "scopes", revoked));
          }
          return null;
        });
  }

  // Data the app reads with consent

  /** The profile, with a {@code profile} grant; the read is logged. */
  Profile profile(String accountId, String appId) {
    MiniApp app = registry.listed(appId);
    String openId = requireGrantAndLog(accountId, app, MiniApp.Scope.PROFILE);
    return new Profile(openId, displayNames.displayName(accountId));
  }

  /** Records a location read the host client served, with a {@code location} grant. */
  void logLocation(String accountId, String appId) {
    requireGrantAndLog(accountId, registry.listed(appId), MiniApp.Scope.LOCATION);
  }

  private String requireGrantAndLog(String accountId, MiniApp app, MiniApp.Scope scope) {
    long now = clock.millis();
    return database.inTransaction(
        handle -> {
          boolean granted =
              store.grants(handle, app.appId(), accountId).stream()
                  .anyMatch(grant -> grant.scope().equals(scope.wire()));
          if (!granted) {
            throw new MiniAppUsersError.ConsentRequired(scope.wire());
          }
          String openId = pseudonyms.openId(accountId, app.appId());
          store.touchUser(handle, app.appId(), accountId, openId, now);
          store.logAccess(
              handle,
              SecretTokens.newId(),
              app.appId(),
              accountId,
              scope.wire(),
              now,
              settings.accessLogPerAppMax());
          return openId;
        });
  }

  // The account's own view

  /** The apps the account used, most recent first, with their grants. */
  List<UsedApp> usedApps(String accountId) {
    return database.read(
        handle ->
            store.usedBy(handle, accountId, LIST_ROWS_MAX).stream()
                .flatMap(
                    row ->
                        registry.app(row.appId()).stream()
                            .map(
                                app ->
                                    new UsedApp(
                                        app,
                                        store.grants(handle, row.appId(), accountId),
                                        row.firstLoginAt(),
                                        row.lastSeenAt())))
                .toList());
  }

  /** Newest first, entries before {@code beforeMillis}. */
  List<Access> accessLog(String accountId, String appId, long beforeMillis, int limit) {
    if (!MiniAppService.looksLikeAppId(appId)) {
      throw new MiniAppError.NotFound();
    }
    return database.read(handle -> store.accessLog(handle, appId, accountId, beforeMillis, limit));
  }

  // Account data

  /** The export section: apps used, grants, access log and storage. */
  record Export(
      List<UserRow> apps, List<Grant> grants, List<Access> accessLog, List<Item> storage) {}

  Export export(String accountId) {
    return database.read(
        handle ->
            new Export(
                store.usedBy(handle, accountId, EXPORT_ROWS_MAX),
                store.grantsOf(handle, accountId, EXPORT_ROWS_MAX),
                store.accessLogOf(handle, accountId, EXPORT_ROWS_MAX),
                store.storageOf(handle, accountId, EXPORT_ROWS_MAX)));
  }

  /**
   * Erases the account's pseudonyms, grants, log and storage, and tells each app it used through an
   * {@code account.deleted} webhook, all in one transaction: the apps hear of it exactly when the
   * data is gone.
   */
  void onAccountDeleted(String accountId) {
    database.inTransaction(
        handle -> {
          for (UserRow row : store.usedBy(handle, accountId, EXPORT_ROWS_MAX)) {
            outbox.enqueue(
                handle,
                row.appId(),
                WebhookEventTypes.ACCOUNT_DELETED,
                Map.of("openId", row.openId()));
          }
          store.deleteAllOf(handle, accountId);
          return null;
        });
  }

  /** The account behind {@code openId} for this app; 404 for any other openId. */
  String accountOf(Handle handle, MiniApp app, String openId) {
    if (!Pseudonyms.looksLikeOpenId(openId)) {
      throw new MiniAppUsersError.UserNotFound();
    }
    return store
        .accountOf(handle, app.appId(), openId)
        .orElseThrow(MiniAppUsersError.UserNotFound::new);
  }

  @Override
  public Optional<String> accountOf(String appId, String openId) {
    if (!Pseudonyms.looksLikeOpenId(openId)) {
      return Optional.empty();
    }
    return database.read(handle -> store.accountOf(handle, appId, openId));
  }

  /**
   * The account's openId for this app, recorded as a user of the app (as a login would), so that
   * the provider can address the person by it from now on.
   */
  @Override
  public String openIdOf(String accountId, String appId) {
    String openId = pseudonyms.openId(accountId, appId);
    long now = clock.millis();
    database.inTransaction(
        handle -> {
          store.touchUser(handle, appId, accountId, openId, now);
          return null;
        });
    return openId;
  }

  private static List<String> scopes(List<Grant> grants) {
    return grants.stream().map(Grant::scope).toList();
  }
}
