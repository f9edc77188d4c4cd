package dev.atrium.miniapps;

import java.util.List;

/**
 * A notice template a provider declared for its app: the text of one kind of message in up to four
 * languages, with {@code {{name}}} placeholders the provider fills when sending.
 *
 * @param templateId {@code mt_} + 22 URL-safe characters
 * @param kind {@code one_time}: each opt-in allows one message (WeChat's subscription messages)
 * @param variants the text per language, in the provider's order; the first is the fallback
 * @param placeholders every placeholder name any variant uses, in order of first use
 */
public record MiniAppTemplate(
    String templateId,
    String appId,
    String kind,
    List<Variant> variants,
    List<String> placeholders,
    long createdAtMillis) {

  public MiniAppTemplate {
    variants = List.copyOf(variants);
    placeholders = List.copyOf(placeholders);
  }

  /** The variant in this language, or the first one when the template has none in it. */
  public Variant variantFor(String language) {
    return variants.stream()
        .filter(variant -> variant.language().equals(language))
        .findFirst()
        .orElse(variants.getFirst());
  }

  /** The title and body in one language ({@code en}, {@code de}, {@code fr} or {@code zh}). */
  public record Variant(String language, String title, String body) {}
}
