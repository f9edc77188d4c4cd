package dev.atrium.wallet;

import dev.atrium.platform.db.Database;
import dev.atrium.wallet.ledger.Ledger;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * Builds the wallet: the double-entry ledger that every money-moving feature posts through.
 * Closing it drains the ledger's writer.
 */
public record WalletModule(Ledger ledger) implements AutoCloseable {

  /** {@code metrics} may be null (admin commands). */
  public static WalletModule create(Database database, Clock clock, WalletSettings settings, MeterRegistry metrics) {
    return new WalletModule(new Ledger(database, clock, settings.ledger(), metrics));
  }

  @Override
  public void close() {
    ledger.close();
  }
}
