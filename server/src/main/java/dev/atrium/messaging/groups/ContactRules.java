package dev.atrium.messaging.groups;

import dev.atrium.platform.db.Handle;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What messaging needs to know from the contacts feature. */
public interface ContactRules {
  boolean areContacts(String accountId, String otherAccountId);

  boolean isBlockedEitherWay(String accountId, String otherAccountId);

  /**
   * Of these (account, other account) pairs, those where either blocked the other, read in the
   * caller's transaction so a whole batch of sends is checked with one query. The default asks pair
   * by pair.
   */
  default Set<List<String>> blockedAmong(Handle handle, Collection<List<String>> pairs) {
    Set<List<String>> blocked = new HashSet<>();
    for (List<String> pair : pairs) {
      if (isBlockedEitherWay(pair.get(0), pair.get(1))) {
        blocked.add(pair);
      }
    }
    return blocked;
  }
}
