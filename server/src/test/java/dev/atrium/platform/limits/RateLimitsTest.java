package dev.atrium.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.platform.errors.RequestError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void permitsUpToTheRule_thenRefusesWithRetryAfter() {
    RateLimits limits =
        new RateLimits(Map.of(RateLimiter.LOGIN_PER_IP, new RateRule(3, 60)), clock, 1000);
    for (int i = 0; i < 3; i++) {
      limits.acquire(RateLimiter.LOGIN_PER_IP, "10.0.0.1");
    }

    assertThatThrownBy(() -> limits.acquire(RateLimiter.LOGIN_PER_IP, "10.0.0.1"))
        .isInstanceOfSatisfying(
            RequestError.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.headers()).containsEntry("Retry-After", "20");
            });
  }

  @Test
  void refillsOverTime_andKeysAreIndependent() {
    RateLimits limits =
        new RateLimits(Map.of(RateLimiter.LOGIN_PER_IP, new RateRule(1, 60)), clock, 1000);
    limits.acquire(RateLimiter.LOGIN_PER_IP, "a");
    limits.acquire(RateLimiter.LOGIN_PER_IP, "b");
    assertThatThrownBy(() -> limits.acquire(RateLimiter.LOGIN_PER_IP, "a"))
        .isInstanceOf(RequestError.class);

    clock.advance(Duration.ofSeconds(60));

    limits.acquire(RateLimiter.LOGIN_PER_IP, "a");
  }

  @Test
  void limitersAreIndependent_andUseDefaultsWhenUnconfigured() {
    RateLimits limits =
        new RateLimits(Map.of(RateLimiter.LOGIN_PER_IP, new RateRule(1, 60)), clock, 1000);
    limits.acquire(RateLimiter.LOGIN_PER_IP, "k");

    for (int i = 0; i < RateLimiter.LOOKUP_PER_ACCOUNT.defaultRule().permits(); i++) {
      limits.acquire(RateLimiter.LOOKUP_PER_ACCOUNT, "k");
    }
    assertThatThrownBy(() -> limits.acquire(RateLimiter.LOOKUP_PER_ACCOUNT, "k"))
        .isInstanceOf(RequestError.class);
  }

  @Test
  void manyDistinctKeys_stayWithinTheBound() {
    RateLimits limits =
        new RateLimits(Map.of(RateLimiter.LOGIN_PER_IP, new RateRule(5, 60)), clock, 100);

    for (int i = 0; i < 10_000; i++) {
      limits.acquire(RateLimiter.LOGIN_PER_IP, "key-" + i);
    }

    assertThat(limits.trackedKeys(RateLimiter.LOGIN_PER_IP)).isLessThanOrEqualTo(100);
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
