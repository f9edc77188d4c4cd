package dev.atrium.miniapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.platform.errors.RequestError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks and rendering of notice templates, without a server. */
class MiniAppTemplateRulesTest {
  @Test
  void render_replacesInOnePass_soValuesStayLiteral() {
    String rendered =
        MiniAppTemplateRules.render("{{a}} and {{ b }}", Map.of("a", "{{b}}", "b", "<i>$1\\</i>"));

    assertThat(rendered).isEqualTo("{{b}} and <i>$1\\</i>");
  }

  @Test
  void placeholders_areCollectedOverAllVariantsInOrderOfFirstUse() {
    List<MiniAppTemplate.Variant> variants =
        MiniAppTemplateRules.variants(
            "one_time",
            List.of(
                new MiniAppTemplate.Variant("en", "{{shop}}", "{{dish}} at {{table}}"),
                new MiniAppTemplate.Variant("fr", "{{shop}}", "{{table}}: {{dish}} {{extra}}")));

    assertThat(MiniAppTemplateRules.placeholders(variants))
        .containsExactly("shop", "dish", "table", "extra");
  }

  @Test
  void values_mustNameExactlyTheTemplatesPlaceholders() {
    MiniAppTemplate template =
        new MiniAppTemplate(
            "mt_x",
            "ma",
            "one_time",
            List.of(new MiniAppTemplate.Variant("en", "T", "{{a}}")),
            List.of("a"),
            0);

    assertThat(MiniAppTemplateRules.values(template, Map.of("a", "1"))).containsEntry("a", "1");
    assertThatThrownBy(() -> MiniAppTemplateRules.values(template, Map.of("a", "1", "b", "2")))
        .isInstanceOf(RequestError.class);
    assertThatThrownBy(() -> MiniAppTemplateRules.values(template, Map.of("a", "line\nbreak")))
        .isInstanceOf(RequestError.class);
    assertThatThrownBy(() -> MiniAppTemplateRules.values(template, null))
        .isInstanceOf(RequestError.class);
  }

  @Test
  void variantFor_fallsBackToTheFirstVariant() {
    MiniAppTemplate template =
        new MiniAppTemplate(
            "mt_x",
            "ma",
            "one_time",
            List.of(
                new MiniAppTemplate.Variant("fr", "Bonjour", "b"),
                new MiniAppTemplate.Variant("en", "Hello", "b")),
            List.of(),
            0);

    assertThat(template.variantFor("zh").title()).isEqualTo("Bonjour");
    assertThat(template.variantFor("en").title()).isEqualTo("Hello");
  }
}
