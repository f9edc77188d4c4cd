package dev.atrium.miniapps;

import dev.atrium.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A mini-program's own key/value items per user, for apps that requested the {@code storage} scope:
 * the host client reaches them for the signed-in user, the provider's server by openId. Bounded:
 * {@code storageItemsMax} items per user and app, values of {@code storageValueBytesMax} UTF-8
 * bytes, keys of 128 characters. Thread-safe.
 */
final class MiniAppStorage {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final Database database;
  private final MiniAppUsersStore store;
  private final Pseudonyms pseudonyms;
  private final MiniAppUsers users;
  private final MiniAppUsersSettings settings;
  private final Clock clock;

  MiniAppStorage(
      Database database,
      MiniAppUsersStore store,
      Pseudonyms pseudonyms,
      MiniAppUsers users,
      MiniAppUsersSettings settings,
      Clock clock) {
    this.database = database;
    this.store = store;
    this.pseudonyms = pseudonyms;
    this.users = users;
    this.settings = settings;
    this.clock = clock;
  }

  /** Who the items belong to: an app, and one of its users. */
  record Owner(MiniApp app, String accountId) {}

  /** The signed-in user of a listed app that requested storage. */
  Owner ofUser(MiniApp app, String accountId) {
    requireStorage(app);
    return new Owner(app, accountId);
  }

  /** The user behind an openId of the app; another app's openId is 404, like an unknown one. */
  Owner ofOpenId(MiniApp app, String openId) {
    requireStorage(app);
    return new Owner(app, database.read(handle -> users.accountOf(handle, app, openId)));
  }

  List<String> keys(Owner owner) {
    return database.read(
        handle ->
            store.storageKeys(
                handle, owner.app().appId(), owner.accountId(), settings.storageItemsMax()));
  }

  String get(Owner owner, String key) {
    checkKey(key);
    return database
        .read(handle -> store.storageValue(handle, owner.app().appId(), owner.accountId(), key))
        .orElseThrow(MiniAppUsersError.ItemNotFound::new);
  }

  /** Writes an item: 413 past the value size, 409 for a new key past the item count. */
  void put(Owner owner, String key, String value) {
    checkKey(key);
    if (value.getBytes(StandardCharsets.UTF_8).length > settings.storageValueBytesMax()) {
      throw new MiniAppUsersError.ValueTooLarge(settings.storageValueBytesMax());
    }
    String appId = owner.app().appId();
    String accountId = owner.accountId();
    long now = clock.millis();
    String openId = pseudonyms.openId(accountId, appId);
    database.inTransaction(
        handle -> {
          // Counted in the transaction; racing writes of new keys on PostgreSQL may pass the
          // bound by their number, which is tolerated: it bounds clutter, not money.
          if (store.storageValue(handle, appId, accountId, key).isEmpty()
              && store.storageCount(handle, appId, accountId) >= settings.storageItemsMax()) {
            throw new MiniAppUsersError.StorageFull(settings.storageItemsMax());
          }
          store.touchUser(handle, appId, accountId, openId, now);
          store.putStorage(handle, appId, accountId, key, value, now);
          return null;
        });
  }

  /** Removes an item; removing one that is not there is not an error. */
  void delete(Owner owner, String key) {
    checkKey(key);
    database.inTransaction(
        handle -> store.deleteStorage(handle, owner.app().appId(), owner.accountId(), key));
  }

  private static void requireStorage(MiniApp app) {
    if (app.scopes().stream().noneMatch(request -> request.scope() == MiniApp.Scope.STORAGE)) {
      throw new MiniAppUsersError.StorageNotRequested();
    }
  }

  private static void checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new MiniAppUsersError.InvalidKey();
    }
  }
}
