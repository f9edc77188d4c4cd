package dev.atrium.testing;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Session;

/** Makes two users contacts through the public API, as people do. */
public final class Friends {
  private Friends() {}

  public static void make(TestServer server, Session first, Session second) {
    AtriumClient client = server.client();
    // Filled in once the contacts API exists on this branch.
  }
}
