package dev.atrium.miniapps;

import dev.atrium.platform.errors.RequestError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks on notice templates and on the values a provider fills in, and the rendering of a
 * variant. Pure functions; every refusal is a 422 naming the field.
 */
final class MiniAppTemplateRules {
  static final String KIND_ONE_TIME = "one_time";
  static final int TITLE_CHARS_MAX = 40;
  static final int BODY_CHARS_MAX = 200;
  static final int PLACEHOLDERS_MAX = 8;
  static final int VALUE_CHARS_MAX = 64;
  static final int PATH_CHARS_MAX = 256;
  static final List<String> LANGUAGES = List.of("en", "de", "fr", "zh");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]{0,31})\\s*}}");

  private MiniAppTemplateRules() {}

  /** The checked variants; throws 422 for a wrong kind, language, length or placeholder. */
  static List<MiniAppTemplate.Variant> variants(String kind, List<MiniAppTemplate.Variant> raw) {
    if (!KIND_ONE_TIME.equals(kind)) {
      throw RequestError.validation("kind", "The only kind is 'one_time'.");
    }
    if (raw == null || raw.isEmpty() || raw.size() > LANGUAGES.size()) {
      throw RequestError.validation(
          "variants", "Between 1 and " + LANGUAGES.size() + " variants, one per language.");
    }
    Set<String> languages = new HashSet<>();
    List<MiniAppTemplate.Variant> checked = new ArrayList<>();
    for (MiniAppTemplate.Variant variant : raw) {
      if (variant == null
          || !LANGUAGES.contains(variant.language())
          || !languages.add(variant.language())) {
        throw RequestError.validation(
            "variants", "Each variant needs a different language of en, de, fr and zh.");
      }
      checked.add(
          new MiniAppTemplate.Variant(
              variant.language(),
              text(variant.title(), "title", TITLE_CHARS_MAX),
              text(variant.body(), "body", BODY_CHARS_MAX)));
    }
    if (placeholders(checked).size() > PLACEHOLDERS_MAX) {
      throw RequestError.validation(
          "variants", "At most " + PLACEHOLDERS_MAX + " different placeholders.");
    }
    return checked;
  }

  /** Every placeholder name the variants use, in order of first use. */
  static List<String> placeholders(List<MiniAppTemplate.Variant> variants) {
    Set<String> names = new LinkedHashSet<>();
    for (MiniAppTemplate.Variant variant : variants) {
      collect(variant.title(), names);
      collect(variant.body(), names);
    }
    return List.copyOf(names);
  }

  /**
   * The provider's values, checked: one for each placeholder of the template and no other, each at
   * most 64 characters of plain text without control characters.
   */
  static Map<String, String> values(MiniAppTemplate template, Map<String, String> data) {
    Map<String, String> values = data == null ? Map.of() : data;
    for (String name : values.keySet()) {
      if (!template.placeholders().contains(name)) {
        throw RequestError.validation("data", "The template has no placeholder '" + name + "'.");
      }
    }
    for (String name : template.placeholders()) {
      String value = values.get(name);
      if (value == null) {
        throw RequestError.validation("data", "A value for '" + name + "' is required.");
      }
      if (value.codePointCount(0, value.length()) > VALUE_CHARS_MAX
          || value.chars().anyMatch(Character::isISOControl)) {
        throw RequestError.validation(
            "data",
            "'"
                + name
                + "' must be at most "
                + VALUE_CHARS_MAX
                + " characters without control characters.");
      }
    }
    return Map.copyOf(values);
  }

  /** A path inside the mini-program ({@code pages/order?id=7}), or null. */
  static String path(String path) {
    if (path == null) {
      return null;
    }
    if (path.isBlank()
        || path.length() > PATH_CHARS_MAX
        || path.contains("://")
        || path.startsWith("//")
        || path.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
      throw RequestError.validation(
          "path",
          "A path inside the mini-program, at most "
              + PATH_CHARS_MAX
              + " characters, without spaces or a scheme.");
    }
    return path;
  }

  /**
   * The text with each placeholder replaced by its value, in one pass: a value that looks like a
   * placeholder stays as it is. The result is plain text; nothing in it is markup.
   */
  static String render(String text, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          rendered, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }

  private static void collect(String text, Set<String> names) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
  }

  private static String text(String value, String field, int max) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty()
        || trimmed.codePointCount(0, trimmed.length()) > max
        || trimmed.chars().anyMatch(Character::isISOControl)) {
      throw RequestError.validation(
          field, "Between 1 and " + max + " characters without control characters.");
    }
    String withoutPlaceholders = PLACEHOLDER.matcher(trimmed).replaceAll("");
    if (withoutPlaceholders.contains("{{") || withoutPlaceholders.contains("}}")) {
      throw RequestError.validation(
          field, "Placeholders look like {{name}}: a letter, then letters, digits or '_'.");
    }
    return trimmed;
  }
}
