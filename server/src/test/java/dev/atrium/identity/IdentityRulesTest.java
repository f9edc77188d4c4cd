package dev.atrium.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.platform.errors.RequestError;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {
  @Test
  void username_isLowerCased_andLimitedToTheAllowedAlphabet() {
    assertThat(IdentityRules.username("  Alice.B_2 ")).isEqualTo("alice.b_2");
    assertThat(IdentityRules.username("abc")).isEqualTo("abc");
    assertThat(IdentityRules.username("a".repeat(32))).hasSize(32);
    for (String bad :
        new String[] {"ab", "a".repeat(33), "ali ce", "alice!", "älice", "alice-b", ""}) {
      assertThatThrownBy(() -> IdentityRules.username(bad))
          .as(bad)
          .isInstanceOf(RequestError.class);
    }
  }

  @Test
  void password_needsTenCharactersCountingCodePoints() {
    assertThat(IdentityRules.password("0123456789", "password")).isEqualTo("0123456789");
    assertThat(IdentityRules.password("🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒", "password")).isNotNull();
    assertThatThrownBy(() -> IdentityRules.password("012345678", "password"))
        .isInstanceOfSatisfying(
            RequestError.class, e -> assertThat(e.details()).containsEntry("field", "password"));
    assertThatThrownBy(() -> IdentityRules.password("x".repeat(257), "password"))
        .isInstanceOf(RequestError.class);
  }

  @Test
  void displayName_isTrimmed_andRefusesBlankLongOrControlCharacters() {
    assertThat(IdentityRules.displayName("  Ada Lovelace ")).isEqualTo("Ada Lovelace");
    assertThat(IdentityRules.displayName("李小龍")).isEqualTo("李小龍");
    for (String bad : new String[] {"", "   ", "x".repeat(65), "bad\u0000name", "line\nbreak"}) {
      assertThatThrownBy(() -> IdentityRules.displayName(bad))
          .as(bad)
          .isInstanceOf(RequestError.class);
    }
  }

  @Test
  void language_defaultsToEnglish_andKnowsFourLanguages() {
    assertThat(IdentityRules.language(null)).isEqualTo(Language.EN);
    assertThat(IdentityRules.language("zh")).isEqualTo(Language.ZH);
    assertThatThrownBy(() -> IdentityRules.language("EN")).isInstanceOf(RequestError.class);
  }

  @Test
  void deviceName_defaultsWhenAbsent() {
    assertThat(IdentityRules.deviceName(null)).isEqualTo("Unnamed device");
    assertThat(IdentityRules.deviceName(" Phone ")).isEqualTo("Phone");
  }
}
