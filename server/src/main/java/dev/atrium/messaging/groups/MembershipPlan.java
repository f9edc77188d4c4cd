package dev.atrium.messaging.groups;

import dev.atrium.platform.http.Caller;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The membership change a commit makes, checked against the group's current state: who may change
 * what, and that the result is consistent. Pure apart from the join-request lookup.
 */
public record MembershipPlan(
    List<String> addedAccounts,
    List<String> removedAccounts,
    Map<String, String> addedDevices,
    List<String> removedDevices) {

  static MembershipPlan check(
      Caller caller,
      CommitChange change,
      ConversationKind kind,
      Map<String, MemberRole> members,
      Set<String> groupDevices,
      int membersMax,
      Predicate<String> hasJoinRequest,
      Predicate<String> askedToRejoin) {
    if (change.changesMembership()) {
      checkMayChangeMembers(caller, kind, members);
    }
    List<String> added = new ArrayList<>(new java.util.LinkedHashSet<>(change.addAccountIds()));
    List<String> removed =
        new ArrayList<>(new java.util.LinkedHashSet<>(change.removeAccountIds()));
    for (String accountId : added) {
      if (members.containsKey(accountId)) {
        throw new MessagingError.InvalidMembershipChange(
            "Account " + accountId + " is already a member.");
      }
      if (!change.senderContacts().contains(accountId) && !hasJoinRequest.test(accountId)) {
        throw new MessagingError.NotContacts();
      }
    }
    for (String accountId : removed) {
      if (accountId.equals(caller.accountId())) {
        throw new MessagingError.InvalidMembershipChange(
            "Leave the group instead of removing yourself.");
      }
    }
    // Removing an account that already left is how its leaves leave the MLS tree: nothing to
    // record.
    removed.removeIf(accountId -> !members.containsKey(accountId));
    if (members.size() + added.size() - removed.size() > membersMax) {
      throw new MessagingError.GroupFull(membersMax);
    }
    Set<String> membersAfter = new HashSet<>(members.keySet());
    membersAfter.addAll(added);
    membersAfter.removeAll(removed);
    boolean isAdmin = members.get(caller.accountId()) == MemberRole.ADMIN;
    Set<String> rejoining = rejoining(change, groupDevices, askedToRejoin);
    return new MembershipPlan(
        added,
        removed,
        addedDevices(change, membersAfter, groupDevices, rejoining),
        removedDevices(caller, isAdmin, change, membersAfter, groupDevices, rejoining));
  }

  /**
   * Leaves that asked to be added again and that this commit both removes and welcomes: any member
   * may do that for any device, as it changes nobody's membership.
   */
  private static Set<String> rejoining(
      CommitChange change, Set<String> groupDevices, Predicate<String> askedToRejoin) {
    Set<String> rejoining = new HashSet<>(change.welcomeDeviceIds());
    rejoining.retainAll(change.removeDeviceIds());
    rejoining.removeIf(
        deviceId -> !groupDevices.contains(deviceId) || !askedToRejoin.test(deviceId));
    return rejoining;
  }

  private static void checkMayChangeMembers(
      Caller caller, ConversationKind kind, Map<String, MemberRole> members) {
    if (kind == ConversationKind.DIRECT) {
      throw new MessagingError.InvalidMembershipChange(
          "The members of a direct conversation are fixed.");
    }
    if (members.get(caller.accountId()) != MemberRole.ADMIN) {
      throw new MessagingError.AdminRequired();
    }
  }

  private static Map<String, String> addedDevices(
      CommitChange change,
      Set<String> membersAfter,
      Set<String> groupDevices,
      Set<String> rejoining) {
    Map<String, String> devices = new LinkedHashMap<>();
    for (String deviceId : change.welcomeDeviceIds()) {
      String owner = change.deviceOwners().get(deviceId);
      if (owner == null || !membersAfter.contains(owner)) {
        throw new MessagingError.InvalidMembershipChange(
            "Device " + deviceId + " belongs to no member.");
      }
      if (groupDevices.contains(deviceId) && !rejoining.contains(deviceId)) {
        throw new MessagingError.InvalidMembershipChange(
            "Device " + deviceId + " is already in the group.");
      }
      devices.put(deviceId, owner);
    }
    return devices;
  }

  /**
   * Any member may commit the removal of its own devices and of leaves whose account is gone (it
   * left, was removed, or the device was revoked): MLS needs someone to commit those. Only an admin
   * may remove another current member's device, unless the device asked to rejoin and the commit
   * welcomes it again. Leaves the server already dropped are accepted and need no change.
   */
  private static List<String> removedDevices(
      Caller caller,
      boolean isAdmin,
      CommitChange change,
      Set<String> membersAfter,
      Set<String> groupDevices,
      Set<String> rejoining) {
    List<String> removed = new ArrayList<>();
    for (String deviceId : new java.util.LinkedHashSet<>(change.removeDeviceIds())) {
      String owner = change.deviceOwners().get(deviceId);
      boolean othersCurrentDevice =
          owner != null && membersAfter.contains(owner) && !owner.equals(caller.accountId());
      if (othersCurrentDevice && !isAdmin && !rejoining.contains(deviceId)) {
        throw new MessagingError.AdminRequired();
      }
      if (groupDevices.contains(deviceId)) {
        removed.add(deviceId);
      }
    }
    return removed;
  }

  /** Updates the batch's view of the group after the commit was accepted. */
  public void applyTo(Map<String, MemberRole> members, Set<String> groupDevices, long nowMillis) {
    removedAccounts.forEach(members::remove);
    addedAccounts.forEach(accountId -> members.put(accountId, MemberRole.MEMBER));
    groupDevices.removeAll(removedDevices);
    groupDevices.addAll(addedDevices.keySet());
  }
}
