package dev.atrium.miniapps;

import dev.atrium.platform.config.ConfigTree;

/**
 * The settings of bundles and their origins, read from {@code miniapps}.
 *
 * @param bundleBytesMax the largest zip a provider may upload
 * @param originTemplate where each mini-program is served, {@code {appId}} in the host name and
 *     optionally {@code {port}} (the port this server listens on)
 */
public record MiniAppBundleSettings(long bundleBytesMax, String originTemplate) {
  public static final String DEFAULT_ORIGIN_TEMPLATE = "http://{appId}.apps.localhost:{port}";

  /** Reads the {@code miniapps.*} settings of bundles; a bad template stops the start. */
  public static MiniAppBundleSettings read(ConfigTree config) {
    MiniAppBundleSettings settings =
        new MiniAppBundleSettings(
            config.longInteger(
                "miniapps.bundleBytesMax", null, 4L * 1024 * 1024, 1024, 64L * 1024 * 1024),
            config.text(
                "miniapps.originTemplate",
                "ATRIUM_MINIAPPS_ORIGIN_TEMPLATE",
                DEFAULT_ORIGIN_TEMPLATE));
    MiniAppOrigins.parse(settings.originTemplate());
    return settings;
  }
}
