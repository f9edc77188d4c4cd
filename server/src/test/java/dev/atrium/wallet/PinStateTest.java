package dev.atrium.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.wallet.PinState.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The PIN try counter's transitions: slots, waiting, exact counting, locks and abandoned checks.
 */
class PinStateTest {
  private static final int TRIES = 5;
  private static final long LOCK = 900_000;
  private static final long NOW = 1_000_000;
  private static final PinState FRESH = new PinState(0, 0, null, null);

  @Test
  void checksInFlight_takeSlots_andAFullHouseWaitsInsteadOfLocking() {
    PinState state = FRESH;
    for (int i = 0; i < TRIES; i++) {
      PinState.Admission admission = state.admit(NOW, NOW - 1, TRIES, LOCK);
      assertThat(admission.verdict()).isEqualTo(Verdict.ADMITTED);
      state = admission.next();
    }

    PinState.Admission sixth = state.admit(NOW, NOW - 1, TRIES, LOCK);

    assertThat(sixth.verdict()).isEqualTo(Verdict.BUSY);
    assertThat(sixth.next()).isEqualTo(state);
    assertThat(state.afterRight().admit(NOW, NOW - 1, TRIES, LOCK).verdict())
        .isEqualTo(Verdict.ADMITTED);
  }

  @Test
  void rightPin_freesItsSlotAndForgetsWrongTries_withoutTouchingOtherChecks() {
    PinState state = new PinState(2, 3, NOW, null);

    assertThat(state.afterRight()).isEqualTo(new PinState(0, 2, NOW, null));
  }

  @Test
  void eachWrongPin_countsOnce_andTheLastAllowedOneLocks() {
    PinState state = new PinState(3, 2, NOW, null);

    PinState fourth = state.afterWrong(NOW, TRIES, LOCK);
    PinState fifth = fourth.afterWrong(NOW + 5, TRIES, LOCK);

    assertThat(fourth).isEqualTo(new PinState(4, 1, NOW, null));
    assertThat(fifth).isEqualTo(new PinState(5, 0, NOW, NOW + 5 + LOCK));
    assertThat(fifth.admit(NOW + 10, NOW, TRIES, LOCK).verdict()).isEqualTo(Verdict.LOCKED);
  }

  @Test
  void anEndedLock_startsAFreshCount() {
    PinState locked = new PinState(5, 0, NOW, NOW + LOCK);

    PinState.Admission admission = locked.admit(NOW + LOCK, NOW, TRIES, LOCK);

    assertThat(admission.verdict()).isEqualTo(Verdict.ADMITTED);
    assertThat(admission.next()).isEqualTo(new PinState(0, 1, NOW + LOCK, null));
  }

  @Test
  void abandonedChecks_countAsWrongTries_andMayLock() {
    PinState twoAbandoned = new PinState(1, 2, NOW, null);
    PinState fourAbandoned = new PinState(1, 4, NOW, null);
    long later = NOW + 200_000;

    PinState.Admission some = twoAbandoned.admit(later, later - 120_000, TRIES, LOCK);
    PinState.Admission all = fourAbandoned.admit(later, later - 120_000, TRIES, LOCK);

    assertThat(some.verdict()).isEqualTo(Verdict.ADMITTED);
    assertThat(some.next()).isEqualTo(new PinState(3, 1, later, null));
    assertThat(all.verdict()).isEqualTo(Verdict.LOCKED);
    assertThat(all.next()).isEqualTo(new PinState(5, 0, NOW, later + LOCK));
  }

  @Test
  void aCheckThatCouldNotHash_freesItsSlotAndCountsNothing() {
    assertThat(new PinState(2, 1, NOW, null).afterNotChecked())
        .isEqualTo(new PinState(2, 0, NOW, null));
  }
}
