package dev.atrium.keys;

import dev.atrium.identity.AccountDataProvider;

/** The keys section of the account export, and the erasure of keys on account deletion. */
final class KeysAccountData implements AccountDataProvider {
  private final KeysService service;

  KeysAccountData(KeysService service) {
    this.service = service;
  }

  @Override
  public String sectionName() {
    return "keys";
  }

  @Override
  public Object export(String accountId) {
    return service.export(accountId);
  }

  @Override
  public void onAccountDeleted(String accountId) {
    service.deleteAllOf(accountId);
  }
}
