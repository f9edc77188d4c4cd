package dev.atrium.testing;

import dev.atrium.sdk.AtriumApiException;

/** Helpers for asserting on refused API calls. */
public final class ApiCalls {
  private ApiCalls() {}

  /** Runs a call that must be refused and returns the refusal; fails the test if it succeeds. */
  public static AtriumApiException catchApi(Runnable call) {
    try {
      call.run();
    } catch (AtriumApiException e) {
      return e;
    }
    throw new AssertionError("Expected the server to refuse the call");
  }
}
