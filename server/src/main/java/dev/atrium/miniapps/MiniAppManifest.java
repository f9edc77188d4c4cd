package dev.atrium.miniapps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.platform.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A bundle's {@code manifest.json}, with field names borrowed from the W3C MiniApp Manifest draft.
 * PRODUCT: unknown fields are ignored (the draft has many more, such as {@code pages}, {@code
 * window} and {@code icons}, and tools may add their own), but the fields read here must be right.
 *
 * @param name the optional display name of this version, or null
 * @param colorScheme light, dark or auto (the default when absent)
 */
record MiniAppManifest(
    String appId,
    int code,
    String versionName,
    List<MiniApp.ScopeRequest> permissions,
    String colorScheme,
    String name) {
  private static final int VERSION_NAME_CHARS_MAX = 32;
  private static final int NAME_CHARS_MAX = 40;
  private static final int REASON_CHARS_MAX = 200;
  private static final Set<String> COLOR_SCHEMES = Set.of("light", "dark", "auto");

  /** Parses and checks the manifest against the app it was uploaded to. */
  static MiniAppManifest parse(byte[] json, MiniApp app) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw refused("manifest.json is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw refused("manifest.json is a JSON object.");
    }
    JsonNode appId = root.path("app_id");
    if (!appId.isTextual() || !appId.asText().equals(app.appId())) {
      throw new MiniAppBundleError.Refused(
          "miniapp_bundle_wrong_app",
          "manifest.json's app_id must be " + app.appId() + ".",
          MiniAppBundleReader.MANIFEST);
    }
    JsonNode version = root.path("version");
    JsonNode code = version.path("code");
    if (!code.isIntegralNumber() || !code.canConvertToInt() || code.asInt() < 1) {
      throw refused("version.code is a positive integer (at most 2147483647).");
    }
    String versionName = text(version.path("name"), VERSION_NAME_CHARS_MAX, "version.name");
    if (versionName == null) {
      throw refused("version.name is required, 1 to " + VERSION_NAME_CHARS_MAX + " characters.");
    }
    JsonNode scheme = root.path("color_scheme");
    boolean absent = scheme.isMissingNode() || scheme.isNull();
    String colorScheme = absent ? "auto" : scheme.asText();
    if ((!absent && !scheme.isTextual()) || !COLOR_SCHEMES.contains(colorScheme)) {
      throw refused("color_scheme is light, dark or auto.");
    }
    return new MiniAppManifest(
        app.appId(),
        code.asInt(),
        versionName,
        permissions(root.path("req_permissions"), app),
        colorScheme,
        text(root.path("name"), NAME_CHARS_MAX, "name"));
  }

  /** Each permission a scope the app registered (so users were told why), once, with a reason. */
  private static List<MiniApp.ScopeRequest> permissions(JsonNode list, MiniApp app) {
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw refused("req_permissions is a list of {name, reason}.");
    }
    Set<MiniApp.Scope> registered = new HashSet<>();
    app.scopes().forEach(scope -> registered.add(scope.scope()));
    List<MiniApp.ScopeRequest> permissions = new ArrayList<>();
    Set<MiniApp.Scope> seen = new HashSet<>();
    for (JsonNode item : list) {
      MiniApp.Scope scope =
          item.path("name").isTextual() ? MiniApp.Scope.fromWire(item.path("name").asText()) : null;
      if (scope == null || !registered.contains(scope) || !seen.add(scope)) {
        throw refused(
            "req_permissions names each scope the app registered at most once; "
                + "this app registered "
                + app.scopes().stream().map(s -> s.scope().wire()).toList()
                + ".");
      }
      String reason = text(item.path("reason"), REASON_CHARS_MAX, "req_permissions.reason");
      if (reason == null) {
        throw refused("Each of req_permissions has a reason.");
      }
      permissions.add(new MiniApp.ScopeRequest(scope, reason));
    }
    return permissions;
  }

  /** An optional text field: null when absent, else non-blank and at most {@code max} chars. */
  private static String text(JsonNode node, int max, String field) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual()
        || node.asText().isBlank()
        || node.asText().length() > max
        || node.asText().chars().anyMatch(Character::isISOControl)) {
      throw refused(field + " is text of 1 to " + max + " characters.");
    }
    return node.asText().strip();
  }

  private static MiniAppBundleError.Refused refused(String message) {
    return new MiniAppBundleError.Refused(
        "miniapp_bundle_manifest_invalid", message, MiniAppBundleReader.MANIFEST);
  }
}
