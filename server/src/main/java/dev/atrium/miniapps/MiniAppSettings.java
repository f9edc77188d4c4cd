package dev.atrium.miniapps;

import dev.atrium.platform.config.ConfigTree;

/**
 * The mini-programs feature's settings, read from {@code miniapps}.
 *
 * @param developmentMode whether apps may name {@code http://localhost}, {@code 127.0.0.1} and
 *     {@code *.localhost} as network domains and webhook URLs (a developer's own machine); off in
 *     production, where only https is accepted
 * @param appsPerAccountMax how many mini-programs one account may register
 */
public record MiniAppSettings(boolean developmentMode, int appsPerAccountMax) {

  /** Reads the {@code miniapps.*} settings. */
  public static MiniAppSettings read(ConfigTree config) {
    return new MiniAppSettings(
        config.bool("miniapps.developmentMode", "ATRIUM_MINIAPPS_DEVELOPMENT_MODE", false),
        config.integer("miniapps.appsPerAccountMax", null, 20, 1, 1_000));
  }
}
