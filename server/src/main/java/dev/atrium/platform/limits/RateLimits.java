package dev.atrium.platform.limits;

import dev.atrium.platform.errors.RequestError;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets per limiter and key (an address, a username, an account). Each limiter
 * holds at most {@code keysMax} buckets; when full, buckets that have refilled are dropped, and if
 * none has, the oldest half go. Per node: in a cluster each node limits on its own. Thread-safe.
 */
public final class RateLimits {
  private final Map<RateLimiter, RateRule> rules;
  private final Map<RateLimiter, ConcurrentHashMap<String, Bucket>> buckets =
      new EnumMap<>(RateLimiter.class);
  private final Clock clock;
  private final int keysMax;

  public RateLimits(Map<RateLimiter, RateRule> rules, Clock clock, int keysMax) {
    this.rules = new EnumMap<>(RateLimiter.class);
    for (RateLimiter limiter : RateLimiter.values()) {
      this.rules.put(limiter, rules.getOrDefault(limiter, limiter.defaultRule()));
      buckets.put(limiter, new ConcurrentHashMap<>());
    }
    this.clock = clock;
    this.keysMax = keysMax;
  }

  /** Takes one permit or throws a 429 saying when to come back. */
  public void acquire(RateLimiter limiter, String key) {
    RateRule rule = rules.get(limiter);
    ConcurrentHashMap<String, Bucket> map = buckets.get(limiter);
    if (map.size() >= keysMax && !map.containsKey(key)) {
      evict(map, rule);
    }
    long nowMillis = clock.millis();
    long[] retryAfterSeconds = {0};
    map.compute(
        key,
        (k, bucket) -> {
          Bucket current =
              bucket == null ? Bucket.full(rule, nowMillis) : bucket.refilled(rule, nowMillis);
          if (current.tokens() >= 1.0) {
            return new Bucket(current.tokens() - 1.0, nowMillis);
          }
          double missing = 1.0 - current.tokens();
          retryAfterSeconds[0] =
              Math.max(1, (long) Math.ceil(missing * rule.windowSeconds() / rule.permits()));
          return current;
        });
    if (retryAfterSeconds[0] > 0) {
      throw RequestError.rateLimited(limiter.description(), retryAfterSeconds[0]);
    }
  }

  /** How many keys a limiter currently tracks; bounded by keysMax. */
  public int trackedKeys(RateLimiter limiter) {
    return buckets.get(limiter).size();
  }

  private void evict(ConcurrentHashMap<String, Bucket> map, RateRule rule) {
    long nowMillis = clock.millis();
    map.entrySet()
        .removeIf(entry -> entry.getValue().refilled(rule, nowMillis).tokens() >= rule.permits());
    if (map.size() >= keysMax) {
      map.entrySet().stream()
          .sorted(
              Map.Entry.comparingByValue(
                  (a, b) -> Long.compare(a.updatedMillis(), b.updatedMillis())))
          .limit(map.size() / 2 + 1L)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(map::remove);
    }
  }

  private record Bucket(double tokens, long updatedMillis) {
    static Bucket full(RateRule rule, long nowMillis) {
      return new Bucket(rule.permits(), nowMillis);
    }

    Bucket refilled(RateRule rule, long nowMillis) {
      double perMilli = (double) rule.permits() / (rule.windowSeconds() * 1000.0);
      double refilled =
          Math.min(rule.permits(), tokens + Math.max(0, nowMillis - updatedMillis) * perMilli);
      return new Bucket(refilled, nowMillis);
    }
  }
}
