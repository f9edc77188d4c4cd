package dev.atrium.platform.feature;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A feature that holds data about accounts: it contributes a section to the account export and
 * erases (or pseudonymises) its data when the account is deleted. Features list theirs in {@link
 * Feature#accountData}; the composition root registers them with identity.
 */
public interface AccountDataProvider {
  /** The export section's name, e.g. "contacts". */
  String sectionName();

  /** Everything this feature holds about the account, as JSON-serialisable values. */
  Object export(String accountId);

  /**
   * Called before the account is deleted; throws an operating error (a clear 4xx) when the feature
   * cannot let the account go yet, such as a wallet that still holds money.
   */
  default void checkDeletable(String accountId) {}

  /** Called after the account was deleted; removes what is personal, keeps what must remain. */
  void onAccountDeleted(String accountId);

  /** A provider made of a section name and two functions, for features that need nothing more. */
  static AccountDataProvider of(
      String sectionName, Function<String, Object> export, Consumer<String> onAccountDeleted) {
    return of(sectionName, export, accountId -> {}, onAccountDeleted);
  }

  /**
   * A provider made of a section name and three functions, for features that may refuse a deletion.
   */
  static AccountDataProvider of(
      String sectionName,
      Function<String, Object> export,
      Consumer<String> checkDeletable,
      Consumer<String> onAccountDeleted) {
    return new AccountDataProvider() {
      @Override
      public String sectionName() {
        return sectionName;
      }

      @Override
      public Object export(String accountId) {
        return export.apply(accountId);
      }

      @Override
      public void checkDeletable(String accountId) {
        checkDeletable.accept(accountId);
      }

      @Override
      public void onAccountDeleted(String accountId) {
        onAccountDeleted.accept(accountId);
      }
    };
  }
}
