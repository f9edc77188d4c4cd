package dev.atrium.contacts;

import dev.atrium.identity.AccountDataProvider;

/** The contacts section of the account export, and the erasure of contacts data on account deletion. */
final class ContactsAccountData implements AccountDataProvider {
  private final ContactsService service;

  ContactsAccountData(ContactsService service) {
    this.service = service;
  }

  @Override
  public String sectionName() {
    return "contacts";
  }

  @Override
  public Object export(String accountId) {
    return service.export(accountId);
  }

  /** Nothing of a deleted account's relationships must remain: every row naming it goes, on both sides. */
  @Override
  public void onAccountDeleted(String accountId) {
    service.deleteAllOf(accountId);
  }
}
