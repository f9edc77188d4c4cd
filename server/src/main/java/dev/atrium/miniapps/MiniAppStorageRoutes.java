package dev.atrium.miniapps;

import static dev.atrium.platform.http.Requests.body;

import dev.atrium.miniapps.MiniAppUsersApi.StorageItem;
import dev.atrium.miniapps.MiniAppUsersApi.StorageKeys;
import dev.atrium.miniapps.MiniAppUsersApi.StorageValue;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.util.function.Function;

/**
 * HTTP for per-user storage, twice: for the signed-in user (the host client, on the mini-program's
 * behalf) and for the provider's server by openId (app credentials). Same shapes, same bounds.
 */
final class MiniAppStorageRoutes implements RouteModule {
  private static final String USER = "/api/v1/miniapps/{appId}/storage";
  private static final String PROVIDER = "/api/v1/provider/users/{openId}/storage";
  private final MiniAppService registry;
  private final MiniAppStorage storage;
  private final MiniAppProviderAuth providerAuth;

  MiniAppStorageRoutes(
      MiniAppService registry, MiniAppStorage storage, MiniAppProviderAuth providerAuth) {
    this.registry = registry;
    this.storage = storage;
    this.providerAuth = providerAuth;
  }

  @Override
  public void register(Api api) {
    register(api, USER, "MiniAppUserStorage", MiniAppUsersRoutes.TAG, true);
    register(api, PROVIDER, "ProviderUserStorage", MiniAppUsersRoutes.PROVIDER_TAG, false);
  }

  private void register(Api api, String base, String name, String tag, boolean user) {
    String who =
        user
            ? "The mini-program's items for the signed-in user"
            : "App credentials. The app's items for the user with this openId (404 for any other)";
    route(
        api,
        user,
        Operation.get(base, "list" + name + "Keys")
            .tag(tag)
            .summary(who + ": their keys, sorted.")
            .response(200, StorageKeys.class)
            .errors(errors(user, 403, 404)),
        ctx -> owner -> ctx.json(new StorageKeys(storage.keys(owner))));
    route(
        api,
        user,
        Operation.get(base + "/{key}", "get" + name + "Item")
            .tag(tag)
            .summary(who + ": one item.")
            .response(200, StorageItem.class)
            .errors(errors(user, 400, 403, 404)),
        ctx ->
            owner -> {
              String key = ctx.pathParam("key");
              ctx.json(new StorageItem(key, storage.get(owner, key)));
            });
    route(
        api,
        user,
        Operation.put(base + "/{key}", "put" + name + "Item")
            .tag(tag)
            .summary(who + ": writes one item (409 storage_full, 413 storage_value_too_large).")
            .request(StorageValue.class)
            .noContent()
            .errors(errors(user, 400, 403, 404, 409, 413)),
        ctx ->
            owner -> {
              String value = Requests.required(body(ctx, StorageValue.class).value(), "value");
              storage.put(owner, ctx.pathParam("key"), value);
              ctx.status(204);
            });
    route(
        api,
        user,
        Operation.delete(base + "/{key}", "delete" + name + "Item")
            .tag(tag)
            .summary(who + ": removes one item (also when absent).")
            .noContent()
            .errors(errors(user, 400, 403, 404)),
        ctx ->
            owner -> {
              storage.delete(owner, ctx.pathParam("key"));
              ctx.status(204);
            });
  }

  /** Provider routes also answer 401 for missing or wrong app credentials. */
  private static Integer[] errors(boolean user, Integer... statuses) {
    if (user) {
      return statuses;
    }
    Integer[] withCredentials = java.util.Arrays.copyOf(statuses, statuses.length + 1);
    withCredentials[statuses.length] = 401;
    return withCredentials;
  }

  /** What a route does once it knows whose items it works on. */
  @FunctionalInterface
  private interface ItemsAction {
    void run(MiniAppStorage.Owner owner) throws Exception;
  }

  private void route(
      Api api, boolean user, Operation.Builder operation, Function<Context, ItemsAction> action) {
    if (user) {
      api.authenticated(
          operation,
          (ctx, caller) ->
              action
                  .apply(ctx)
                  .run(
                      storage.ofUser(registry.listed(ctx.pathParam("appId")), caller.accountId())));
    } else {
      api.open(
          operation,
          ctx ->
              action
                  .apply(ctx)
                  .run(storage.ofOpenId(providerAuth.require(ctx), ctx.pathParam("openId"))));
    }
  }
}
