package dev.atrium.testing;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.ContactModels.RequestOutcome;
import dev.atrium.sdk.Models.Session;

/** Makes two users contacts through the public API, as people do: a request, then an accept. */
public final class Friends {
  private Friends() {}

  public static void make(TestServer server, Session first, Session second) {
    AtriumClient client = server.client();
    if (client.as(first).contacts().listAll().stream()
        .anyMatch(contact -> contact.account().id().equals(second.account().id()))) {
      return;
    }
    RequestOutcome outcome =
        client.as(first).contacts().sendRequest(second.account().username(), "hi");
    if (!outcome.isNowContacts()) {
      client.as(second).contacts().accept(outcome.request().id());
    }
  }
}
