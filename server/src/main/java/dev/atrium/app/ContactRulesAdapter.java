package dev.atrium.app;

import dev.atrium.contacts.ContactsService;
import dev.atrium.messaging.groups.ContactRules;
import dev.atrium.platform.db.Handle;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Messaging's {@link ContactRules} port, answered by the contacts feature. */
final class ContactRulesAdapter implements ContactRules {
  private final ContactsService contacts;

  ContactRulesAdapter(ContactsService contacts) {
    this.contacts = contacts;
  }

  @Override
  public boolean areContacts(String accountId, String otherAccountId) {
    return contacts.areContacts(accountId, otherAccountId);
  }

  @Override
  public boolean isBlockedEitherWay(String accountId, String otherAccountId) {
    return contacts.isBlockedEitherWay(accountId, otherAccountId);
  }

  @Override
  public Set<List<String>> blockedAmong(Handle handle, Collection<List<String>> pairs) {
    return contacts.blockedAmong(handle, pairs);
  }
}
