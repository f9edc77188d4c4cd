package dev.atrium.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's settings as one tree: each setting is read from its environment variable first,
 * then from the YAML file's dotted path ({@code wallet.sepa.operatorIban}), then from its default.
 * Features read their own settings from it (a {@code XSettings.read(ConfigTree)} beside the
 * feature), so that the composition root does not need to know them. Immutable.
 */
public final class ConfigTree {
  private final JsonNode root;
  private final Map<String, String> environment;

  public ConfigTree(JsonNode root, Map<String, String> environment) {
    this.root = root == null ? MissingNode.getInstance() : root;
    this.environment = Map.copyOf(environment);
  }

  /** A tree with no file and no environment: every setting takes its default. */
  public static ConfigTree empty() {
    return new ConfigTree(MissingNode.getInstance(), Map.of());
  }

  /**
   * The text at {@code path}, or of {@code variable} (may be null) when that is set, else the
   * default.
   */
  public String text(String path, String variable, String defaultValue) {
    if (variable != null && environment.containsKey(variable)) {
      return environment.get(variable);
    }
    JsonNode node = root;
    for (String part : path.split("\\.", -1)) {
      node = node.path(part);
    }
    return node.isMissingNode() || node.isNull() ? defaultValue : node.asText();
  }

  public int integer(String path, String variable, int defaultValue, int min, int max) {
    return (int) longInteger(path, variable, defaultValue, min, max);
  }

  public long longInteger(String path, String variable, long defaultValue, long min, long max) {
    String text = text(path, variable, null);
    if (text == null) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value < min || value > max) {
        throw new ConfigException(
            name(path, variable) + " must be between " + min + " and " + max + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          name(path, variable) + " must be a whole number, not '" + text + "'");
    }
  }

  public boolean bool(String path, String variable, boolean defaultValue) {
    String text = text(path, variable, null);
    if (text == null) {
      return defaultValue;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new ConfigException(
              name(path, variable) + " must be true or false, not '" + text + "'");
    };
  }

  private static String name(String path, String variable) {
    return variable == null ? path : path + " / " + variable;
  }
}
