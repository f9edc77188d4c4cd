package dev.atrium.wallet;

import dev.atrium.wallet.ledger.LedgerSettings;
import java.util.Objects;

/**
 * Operator settings of the wallet.
 *
 * @param ledger bounds of the ledger's group-commit writer
 */
public record WalletSettings(LedgerSettings ledger) {
  public WalletSettings {
    Objects.requireNonNull(ledger, "ledger");
  }
}
