package dev.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {
  @Test
  void countsLostDuplicatedAndUnconfirmed() {
    DeliveryLedger ledger = new DeliveryLedger();
    for (int id = 0; id < 10; id++) {
      ledger.confirmed(id);
    }
    for (int id = 0; id < 10; id++) {
      if (id != 3 && id != 7) {
        assertThat(ledger.received(id)).isTrue();
      }
    }
    assertThat(ledger.received(5)).isFalse();
    assertThat(ledger.received(5)).isFalse();
    assertThat(ledger.received(12)).isTrue(); // arrived before its "sent" answer was seen
    ledger.failed(11);

    assertThat(ledger.confirmedCount()).isEqualTo(10);
    assertThat(ledger.receivedCount()).isEqualTo(9);
    assertThat(ledger.lost()).isEqualTo(2);
    assertThat(ledger.duplicates()).isEqualTo(2);
    assertThat(ledger.receivedUnconfirmed()).isEqualTo(1);
    assertThat(ledger.failedCount()).isEqualTo(1);
  }

  @Test
  void foreignPayloadsAreCountedApart() {
    DeliveryLedger ledger = new DeliveryLedger();
    assertThat(ledger.received(-1)).isFalse();
    assertThat(ledger.unexpected()).isEqualTo(1);
    assertThat(ledger.duplicates()).isZero();
  }
}
