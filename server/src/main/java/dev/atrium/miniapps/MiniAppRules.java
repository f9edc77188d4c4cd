package dev.atrium.miniapps;

import dev.atrium.platform.errors.RequestError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks on a provider's listing, each refusal a 422 naming the field. Pure functions: the
 * development mode (loopback origins allowed) is passed in.
 */
final class MiniAppRules {
  static final int NAME_CHARS_MAX = 40;
  static final int DESCRIPTION_CHARS_MAX = 1_000;

  /** A data: URL of a small image; 16 KiB of base64 is about 12 KiB of PNG, plenty for an icon. */
  static final int ICON_CHARS_MAX = 16_384;

  static final int LANGUAGES_MAX = 20;
  static final int DOMAINS_MAX = 20;
  static final int REASON_CHARS_MAX = 200;
  static final int URL_CHARS_MAX = 500;

  private static final Pattern ICON =
      Pattern.compile("data:image/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+={0,2}");

  /** BCP-47 in its common shape: language, optional script, region or variants (en, zh-Hans-CN). */
  private static final Pattern LANGUAGE =
      Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-[a-zA-Z0-9]{5,8})*");

  private MiniAppRules() {}

  static String name(String name) {
    String trimmed = text(name, "name", NAME_CHARS_MAX);
    if (trimmed.isEmpty()) {
      throw RequestError.missingField("name");
    }
    return trimmed;
  }

  /** The operator's reason for a rejection or suspension: required, at most 200 characters. */
  static String reason(String reason) {
    String trimmed = text(reason, "reason", REASON_CHARS_MAX);
    if (trimmed.isEmpty()) {
      throw RequestError.missingField("reason");
    }
    return trimmed;
  }

  static String description(String description) {
    return description == null ? "" : text(description, "description", DESCRIPTION_CHARS_MAX);
  }

  /** Null or blank means no icon. */
  static String icon(String icon) {
    if (icon == null || icon.isBlank()) {
      return null;
    }
    if (icon.length() > ICON_CHARS_MAX) {
      throw RequestError.validation(
          "icon", "The icon is at most " + ICON_CHARS_MAX + " characters as a data: URL.");
    }
    if (!ICON.matcher(icon).matches()) {
      throw RequestError.validation(
          "icon", "The icon is a data:image/(png|jpeg|webp|gif);base64,... URL.");
    }
    return icon;
  }

  static MiniApp.Category category(String category) {
    if (category == null) {
      throw RequestError.missingField("category");
    }
    MiniApp.Category parsed = MiniApp.Category.fromWire(category);
    if (parsed == null) {
      throw RequestError.validation(
          "category",
          "The category is one of food, health, transport, travel, shopping, games, tools, services, other.");
    }
    return parsed;
  }

  static List<String> languages(List<String> languages) {
    List<String> checked = new ArrayList<>();
    for (String language : list(languages, "languages", LANGUAGES_MAX)) {
      if (language == null || !LANGUAGE.matcher(language).matches()) {
        throw RequestError.validation(
            "languages", "Each language is a BCP-47 tag such as en, de-AT or zh-Hans.");
      }
      if (!checked.contains(language)) {
        checked.add(language);
      }
    }
    return checked;
  }

  /** Each domain an origin {@code https://host[:port]}; loopback http only in development mode. */
  static List<String> domains(List<String> domains, boolean developmentMode) {
    List<String> checked = new ArrayList<>();
    for (String domain : list(domains, "domains", DOMAINS_MAX)) {
      URI uri = uri(domain, "domains");
      String path = uri.getRawPath();
      if (uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || !(path == null || path.isEmpty() || path.equals("/"))
          || !allowedScheme(uri, developmentMode)) {
        throw RequestError.validation(
            "domains",
            "Each domain is an origin https://host[:port], without path or query"
                + (developmentMode ? " (or http on localhost)." : "."));
      }
      String origin =
          uri.getScheme().toLowerCase(Locale.ROOT)
              + "://"
              + uri.getHost().toLowerCase(Locale.ROOT)
              + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      if (!checked.contains(origin)) {
        checked.add(origin);
      }
    }
    return checked;
  }

  /** Null or blank means no webhooks; else https, or loopback http in development mode. */
  static String webhookUrl(String url, boolean developmentMode) {
    if (url == null || url.isBlank()) {
      return null;
    }
    URI uri = uri(url, "webhookUrl");
    if (uri.getRawFragment() != null || !allowedScheme(uri, developmentMode)) {
      throw RequestError.validation(
          "webhookUrl",
          "The webhook URL is an https URL" + (developmentMode ? " (or http on localhost)." : "."));
    }
    return uri.toString();
  }

  static List<MiniApp.ScopeRequest> scopes(List<MiniAppListing.ScopeReason> scopes) {
    List<MiniApp.ScopeRequest> checked = new ArrayList<>();
    Set<MiniApp.Scope> seen = new HashSet<>();
    for (MiniAppListing.ScopeReason request :
        list(scopes, "scopes", MiniApp.Scope.values().length)) {
      MiniApp.Scope scope = request == null ? null : MiniApp.Scope.fromWire(request.scope());
      if (scope == null) {
        throw RequestError.validation(
            "scopes", "Each scope is one of profile, location, payment, notifications, storage.");
      }
      if (!seen.add(scope)) {
        throw RequestError.validation("scopes", "The scope " + scope.wire() + " is listed twice.");
      }
      String reason = text(request.reason(), "scopes", REASON_CHARS_MAX);
      if (reason.isEmpty()) {
        throw RequestError.validation(
            "scopes", "Each scope needs a reason, shown to users when the app asks for it.");
      }
      checked.add(new MiniApp.ScopeRequest(scope, reason));
    }
    return checked;
  }

  private static boolean allowedScheme(URI uri, boolean developmentMode) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      return false;
    }
    if (scheme.equals("https")) {
      return true;
    }
    return scheme.equals("http") && developmentMode && isLoopback(uri.getHost());
  }

  private static boolean isLoopback(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.equals("localhost") || lower.equals("127.0.0.1") || lower.endsWith(".localhost");
  }

  private static URI uri(String text, String field) {
    if (text == null || text.length() > URL_CHARS_MAX) {
      throw RequestError.validation(field, "Each URL is at most " + URL_CHARS_MAX + " characters.");
    }
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw RequestError.validation(field, "This is not a valid URL: " + e.getReason() + ".");
    }
  }

  private static <T> List<T> list(List<T> values, String field, int max) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > max) {
      throw RequestError.validation(field, "At most " + max + " entries.");
    }
    return values;
  }

  private static String text(String value, String field, int max) {
    if (value == null) {
      return "";
    }
    String trimmed = value.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > max) {
      throw RequestError.validation(field, "At most " + max + " characters.");
    }
    return trimmed;
  }
}
