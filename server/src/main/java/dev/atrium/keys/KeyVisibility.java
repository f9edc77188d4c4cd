package dev.atrium.keys;

import java.util.List;

/**
 * Who may see an account's devices and their keys, and claim its key packages. The composition root
 * decides (the account itself, its contacts, later the people it shares a conversation with); an
 * account the requester may not see is "not found", like one that does not exist.
 */
@FunctionalInterface
public interface KeyVisibility {
  boolean mayView(String requesterAccountId, String targetAccountId);

  /** Visible when any of the rules says so. */
  static KeyVisibility anyOf(List<KeyVisibility> rules) {
    List<KeyVisibility> copy = List.copyOf(rules);
    return (requester, target) -> copy.stream().anyMatch(rule -> rule.mayView(requester, target));
  }
}
