package dev.atrium.app;

import dev.atrium.miniapps.MiniAppUserLookup;
import dev.atrium.platform.security.SecretTokens;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the pseudonymous ids of mini-program users until the login part of mini-programs
 * (table {@code miniapp_users}) is merged: a random openId per (account, app), kept in this node's
 * memory only, so ids change on restart and differ between nodes. TO BE REPLACED at that merge by
 * an adapter over the login part's service; nothing else depends on this class. Thread-safe.
 */
final class InterimMiniAppUsers implements MiniAppUserLookup {
  // Bounds the memory until the real table replaces it; beyond it, new pairs get no id kept.
  private static final int PAIRS_MAX = 100_000;
  private final Map<String, String> openIdByPair = new ConcurrentHashMap<>();
  private final Map<String, String> accountByAppOpenId = new ConcurrentHashMap<>();

  @Override
  public Optional<String> accountOf(String appId, String openId) {
    return Optional.ofNullable(accountByAppOpenId.get(appId + " " + openId));
  }

  @Override
  public String openIdOf(String accountId, String appId) {
    String pair = accountId + " " + appId;
    String known = openIdByPair.get(pair);
    if (known != null) {
      return known;
    }
    String openId = "ou_" + SecretTokens.newId();
    if (openIdByPair.size() < PAIRS_MAX && openIdByPair.putIfAbsent(pair, openId) == null) {
      accountByAppOpenId.put(appId + " " + openId, accountId);
      return openId;
    }
    return openIdByPair.getOrDefault(pair, openId);
  }
}
