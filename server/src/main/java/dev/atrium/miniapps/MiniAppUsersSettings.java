package dev.atrium.miniapps;

import dev.atrium.platform.config.ConfigTree;

/**
 * Settings of mini-program users, read from {@code miniapps.users}.
 *
 * @param loginCodeTtlSeconds how long a login code can be exchanged
 * @param accessLogPerAppMax access-log entries kept per account and app (older ones are pruned)
 * @param storageItemsMax storage items per user and app
 * @param storageValueBytesMax the largest storage value, in UTF-8 bytes
 */
public record MiniAppUsersSettings(
    int loginCodeTtlSeconds,
    int accessLogPerAppMax,
    int storageItemsMax,
    int storageValueBytesMax) {

  /** Reads the {@code miniapps.users.*} settings. */
  public static MiniAppUsersSettings read(ConfigTree config) {
    return new MiniAppUsersSettings(
        config.integer(
            "miniapps.users.loginCodeTtlSeconds",
            "ATRIUM_MINIAPPS_USERS_LOGIN_CODE_TTL_SECONDS",
            300,
            1,
            3_600),
        config.integer("miniapps.users.accessLogPerAppMax", null, 1_000, 10, 100_000),
        config.integer(
            "miniapps.users.storageItemsMax",
            "ATRIUM_MINIAPPS_USERS_STORAGE_ITEMS_MAX",
            100,
            1,
            10_000),
        config.integer(
            "miniapps.users.storageValueBytesMax",
            "ATRIUM_MINIAPPS_USERS_STORAGE_VALUE_BYTES_MAX",
            4_096,
            16,
            65_536));
  }
}
