package dev.atrium.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateRuleTest {
  @Test
  void parse_acceptsSecondsMinutesHoursAndDays() {
    assertThat(RateRule.parse("30/60s")).isEqualTo(new RateRule(30, 60));
    assertThat(RateRule.parse("10/1h")).isEqualTo(new RateRule(10, 3600));
    assertThat(RateRule.parse(" 5 / 2m ")).isEqualTo(new RateRule(5, 120));
    assertThat(RateRule.parse("100/d")).isEqualTo(new RateRule(100, 86_400));
  }

  @Test
  void parse_rejectsNonsenseWithAHelpfulMessage() {
    for (String bad : new String[] {"", "30", "x/1m", "30/1", "30/1w", "0/1m", "-1/1m", "5/0s"}) {
      assertThatThrownBy(() -> RateRule.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
