package dev.atrium.messaging;

import dev.atrium.delivery.EnvelopeKind;
import java.util.List;
import java.util.Set;

/**
 * A request to append one envelope, already checked for shape. For commits it may carry the
 * membership change the commit makes and the Welcome for the devices it adds.
 *
 * @param addAccountIds accounts the commit adds to the group (groups only, admins only)
 * @param removeAccountIds accounts the commit removes (groups only, admins only)
 * @param welcome the MLS Welcome for {@code welcomeDeviceIds}, or null
 * @param welcomeDeviceIds devices the commit adds as leaves; they receive the Welcome and every
 *     envelope after this commit
 * @param removeDeviceIds devices the commit removes as leaves (for example revoked devices)
 */
record SendCommand(
    String conversationId,
    String clientMessageId,
    EnvelopeKind kind,
    long epoch,
    byte[] ciphertext,
    List<String> addAccountIds,
    List<String> removeAccountIds,
    byte[] welcome,
    List<String> welcomeDeviceIds,
    List<String> removeDeviceIds) {

  boolean changesMembership() {
    return !addAccountIds.isEmpty() || !removeAccountIds.isEmpty();
  }

  boolean changesDevices() {
    return !welcomeDeviceIds.isEmpty() || !removeDeviceIds.isEmpty();
  }

  /**
   * What the request thread learned before queueing: who owns the named devices, who are the
   * sender's contacts, and for a direct conversation the other account (the writer checks in its
   * batch that neither blocked the other), else null.
   */
  record Context(
      java.util.Map<String, String> deviceOwners,
      Set<String> senderContacts,
      String directPeerAccountId) {}
}
