package dev.atrium.identity;

/**
 * A feature that holds data about accounts: it contributes a section to the account export and
 * erases (or pseudonymises) its data when the account is deleted. Implemented by features
 * other than identity and registered in the composition root.
 */
public interface AccountDataProvider {
  /** The export section's name, e.g. "contacts". */
  String sectionName();

  /** Everything this feature holds about the account, as JSON-serialisable values. */
  Object export(String accountId);

  /** Called after the account was deleted; removes what is personal, keeps what must remain. */
  void onAccountDeleted(String accountId);
}
