package dev.atrium.miniapps;

import java.util.Optional;

/**
 * Who a mini-program's user is: providers name users by their pseudonymous id for that app (the
 * {@code openId}), the server by account. Answered by the login part of mini-programs (table {@code
 * miniapp_users}); an openId of another app never resolves. Implementations are thread-safe.
 */
public interface MiniAppUserLookup {
  /** The account behind this app's openId, or empty when the app has no such user. */
  Optional<String> accountOf(String appId, String openId);

  /** The account's openId for this app. */
  String openIdOf(String accountId, String appId);
}
