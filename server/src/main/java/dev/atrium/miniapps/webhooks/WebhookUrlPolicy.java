package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.security.PublicNetwork;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which webhook URLs the server will call: an absolute {@code https} URL without user info or
 * fragment, of at most {@link #URL_CHARS_MAX} characters, whose host resolves only to public
 * addresses ({@link PublicNetwork}). With {@code allowPrivateNetworks} (development, tests, a
 * provider inside the operator's network) plain {@code http} and any address are accepted.
 *
 * <p>The registry checks a URL when a provider registers it, and the dispatcher again before each
 * request, because a name can resolve elsewhere later. A small window remains between that check
 * and the HTTP client's own lookup (DNS rebinding within seconds); closing it would mean connecting
 * to the checked address ourselves, which the JDK client cannot do for https. Stateless.
 */
public final class WebhookUrlPolicy {
  public static final int URL_CHARS_MAX = 2_048;

  private WebhookUrlPolicy() {}

  /**
   * Returns the URL when the server may call it, else throws a 422 validation error naming {@code
   * field}.
   */
  public static URI validate(String url, boolean allowPrivateNetworks, String field) {
    String refusal = refusal(url, allowPrivateNetworks);
    if (refusal != null) {
      throw RequestError.validation(field, refusal);
    }
    return URI.create(url);
  }

  /** Why the server must not call {@code url}, or null when it may. */
  static String refusal(String url, boolean allowPrivateNetworks) {
    if (url == null || url.isEmpty() || url.length() > URL_CHARS_MAX) {
      return "Must be an https URL of at most " + URL_CHARS_MAX + " characters.";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "Must be an absolute https URL.";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean schemeAllowed =
        scheme.equals("https") || (scheme.equals("http") && allowPrivateNetworks);
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null
        || !schemeAllowed) {
      return "Must be an absolute https URL without user or fragment.";
    }
    if (!allowPrivateNetworks && !PublicNetwork.resolvesOnlyToPublic(uri.getHost())) {
      return "Must resolve to public internet addresses only, not to loopback, private,"
          + " link-local or other local ranges.";
    }
    return null;
  }
}
