package dev.atrium.messaging;

/** What messaging needs to know from the contacts feature. */
public interface ContactRules {
  boolean areContacts(String accountId, String otherAccountId);

  boolean isBlockedEitherWay(String accountId, String otherAccountId);
}
