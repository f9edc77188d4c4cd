package dev.atrium.miniapps;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The origin template ({@code http://{appId}.apps.localhost:{port}}) in its two directions: the
 * origin of an app, and the app a request's Host header names. The host name is matched as {@code
 * <prefix><appId><suffix>} whatever the port, so a proxy in front may map ports freely.
 *
 * @param scheme http or https
 * @param hostPrefix what comes before {@code {appId}} in the host name (usually nothing)
 * @param hostSuffix what follows it ({@code .apps.localhost})
 * @param portPart what follows the host name in the template ({@code :{port}}, {@code :8443} or
 *     nothing)
 */
record MiniAppOrigins(String scheme, String hostPrefix, String hostSuffix, String portPart) {
  private static final String APP_ID = "{appId}";
  private static final String PORT = "{port}";

  /** Parses and checks the template; an unusable one is an error at start. */
  static MiniAppOrigins parse(String template) {
    int schemeEnd = template.indexOf("://");
    if (schemeEnd < 0) {
      throw invalid(template, "it has no scheme");
    }
    String scheme = template.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String authority = template.substring(schemeEnd + 3);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw invalid(template, "the scheme is not http or https");
    }
    if (authority.contains("/") || authority.contains("?") || authority.contains("#")) {
      throw invalid(template, "an origin has no path");
    }
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    String portPart = colon < 0 ? "" : authority.substring(colon);
    int appId = host.indexOf(APP_ID);
    if (appId < 0 || host.indexOf(APP_ID, appId + 1) >= 0) {
      throw invalid(template, "the host name must hold {appId} once");
    }
    MiniAppOrigins origins =
        new MiniAppOrigins(
            scheme,
            host.substring(0, appId).toLowerCase(Locale.ROOT),
            host.substring(appId + APP_ID.length()).toLowerCase(Locale.ROOT),
            portPart);
    try {
      new URI(origins.of("maaaaaaaaaaaaaaaaa", 8080));
    } catch (URISyntaxException e) {
      throw invalid(template, "it does not make a URL");
    }
    if (origins.hostSuffix.isEmpty() || !origins.hostSuffix.startsWith(".")) {
      throw invalid(template, "{appId} must be a label of its own, followed by a domain");
    }
    return origins;
  }

  /** The app's origin, {@code port} standing in for {@code {port}}. */
  String of(String appId, int port) {
    return scheme
        + "://"
        + hostPrefix
        + appId
        + hostSuffix
        + portPart.replace(PORT, Integer.toString(port));
  }

  /** The app id a Host header names, or empty when it is not an app's host. */
  Optional<String> appIdOf(String hostHeader) {
    if (hostHeader == null) {
      return Optional.empty();
    }
    String host = hostHeader.toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && !host.endsWith("]")) {
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!host.startsWith(hostPrefix) || !host.endsWith(hostSuffix)) {
      return Optional.empty();
    }
    int end = host.length() - hostSuffix.length();
    if (end <= hostPrefix.length()) {
      return Optional.empty();
    }
    return Optional.of(host.substring(hostPrefix.length(), end));
  }

  private static IllegalArgumentException invalid(String template, String why) {
    return new IllegalArgumentException(
        "miniapps.originTemplate / ATRIUM_MINIAPPS_ORIGIN_TEMPLATE '"
            + template
            + "' is unusable: "
            + why
            + ". Example: https://{appId}.apps.example.org");
  }
}
