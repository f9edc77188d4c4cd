package dev.atrium.messaging.groups;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The membership change a commit asks for, as {@link MembershipPlan} checks it: the accounts and
 * devices it adds and removes, and what the request thread learned before queueing (who owns the
 * named devices, which added accounts are the sender's contacts).
 */
public record CommitChange(
    List<String> addAccountIds,
    List<String> removeAccountIds,
    List<String> welcomeDeviceIds,
    List<String> removeDeviceIds,
    Map<String, String> deviceOwners,
    Set<String> senderContacts) {

  boolean changesMembership() {
    return !addAccountIds.isEmpty() || !removeAccountIds.isEmpty();
  }
}
