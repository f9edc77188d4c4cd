package dev.atrium.wallet;

/**
 * The try counter of one payment PIN and its transitions, without I/O. A check first takes a slot
 * ({@link #admit}); the slots in flight plus the wrong tries never exceed the tries allowed, so
 * parallel guesses cannot check more PINs than a sequence of guesses could. A right PIN resets the
 * wrong tries; the last allowed wrong try locks. A request that finds every slot taken by checks
 * still running waits for one instead of being told it is locked.
 *
 * @param failedTries wrong PINs since the last right one
 * @param checksInFlight checks that took a slot and have not finished
 * @param checksStartedAtMillis when the latest slot was taken (null: never)
 * @param lockedUntilMillis the end of the lock (null: not locked)
 */
record PinState(
    int failedTries, int checksInFlight, Long checksStartedAtMillis, Long lockedUntilMillis) {
  /** What a new check may do now. */
  enum Verdict {
    ADMITTED,
    LOCKED,
    BUSY
  }

  /**
   * A verdict and the state to store with it ({@code next} equals the old state when nothing
   * changes).
   */
  record Admission(Verdict verdict, PinState next) {}

  /**
   * Takes a slot for a check at {@code nowMillis}. An ended lock starts a fresh count. Slots taken
   * before {@code abandonedBeforeMillis} belong to checks that can no longer be running (a crashed
   * node): they count as wrong tries, and may lock.
   */
  Admission admit(long nowMillis, long abandonedBeforeMillis, int triesMax, long lockMillis) {
    if (lockedUntilMillis != null && lockedUntilMillis > nowMillis) {
      return new Admission(Verdict.LOCKED, this);
    }
    PinState current =
        lockedUntilMillis != null ? new PinState(0, 0, checksStartedAtMillis, null) : this;
    if (current.checksInFlight > 0
        && current.checksStartedAtMillis != null
        && current.checksStartedAtMillis < abandonedBeforeMillis) {
      int failed = current.failedTries + current.checksInFlight;
      if (failed >= triesMax) {
        return new Admission(
            Verdict.LOCKED, new PinState(failed, 0, checksStartedAtMillis, nowMillis + lockMillis));
      }
      current = new PinState(failed, 0, checksStartedAtMillis, null);
    }
    if (current.failedTries >= triesMax) {
      return new Admission(
          Verdict.LOCKED,
          new PinState(current.failedTries, 0, checksStartedAtMillis, nowMillis + lockMillis));
    }
    if (current.failedTries + current.checksInFlight >= triesMax) {
      return new Admission(Verdict.BUSY, this);
    }
    return new Admission(
        Verdict.ADMITTED,
        new PinState(current.failedTries, current.checksInFlight + 1, nowMillis, null));
  }

  /** A check found the PIN right: its slot is freed and the wrong tries forgotten. */
  PinState afterRight() {
    return new PinState(
        0, Math.max(0, checksInFlight - 1), checksStartedAtMillis, lockedUntilMillis);
  }

  /**
   * A check found the PIN wrong: it counts, and the last allowed one locks until {@code nowMillis +
   * lockMillis}.
   */
  PinState afterWrong(long nowMillis, int triesMax, long lockMillis) {
    int failed = failedTries + 1;
    Long lockedUntil =
        failed >= triesMax ? Long.valueOf(nowMillis + lockMillis) : lockedUntilMillis;
    return new PinState(
        failed, Math.max(0, checksInFlight - 1), checksStartedAtMillis, lockedUntil);
  }

  /**
   * A check could not run (the server was too busy to hash): its slot is freed and nothing counts.
   */
  PinState afterNotChecked() {
    return new PinState(
        failedTries, Math.max(0, checksInFlight - 1), checksStartedAtMillis, lockedUntilMillis);
  }
}
