package dev.atrium.contacts;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.ContactModels.ContactLink;
import dev.atrium.sdk.ContactModels.ContactRequest;
import dev.atrium.sdk.ContactModels.RequestOutcome;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactLinkIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void link_isStableUntilRotated_andPointsAtThisServer() {
    AtriumClient alice = server.newUserClient("link");

    ContactLink first = alice.contacts().link();
    ContactLink again = alice.contacts().link();

    assertThat(again).isEqualTo(first);
    // 128 random bits in URL-safe base64 are 22 characters.
    assertThat(first.token()).matches("[A-Za-z0-9_-]{22,}");
    assertThat(first.url()).isEqualTo(server.uri() + "/c/" + first.token());
  }

  @Test
  void rotating_invalidatesTheOldLink_andTheNewOneWorks() {
    AtriumClient alice = server.newUserClient("rotate");
    AtriumClient bob = server.newUserClient("rotate_b");
    String oldToken = alice.contacts().link().token();

    ContactLink rotated = alice.contacts().rotateLink();

    assertThat(rotated.token()).isNotEqualTo(oldToken);
    assertThat(alice.contacts().link()).isEqualTo(rotated);
    AtriumApiException refused = catchApi(() -> bob.contacts().redeemLink(oldToken, null));
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.code()).isEqualTo("not_found");
    assertThat(bob.contacts().redeemLink(rotated.token(), null).isNowContacts()).isFalse();
  }

  @Test
  void redeemingALink_sendsTheOwnerARequestWithTheNote() {
    Session alice = server.newUser("owner");
    AtriumClient aliceClient = server.client().as(alice);
    Session bob = server.newUser("scanner");
    String token = aliceClient.contacts().link().token();

    RequestOutcome outcome = server.client().as(bob).contacts().redeemLink(token, "scanned your code");

    assertThat(outcome.request().account().id()).isEqualTo(alice.account().id());
    ContactRequest received = aliceClient.contacts().incomingRequests(10, null).requests().getFirst();
    assertThat(received.account().id()).isEqualTo(bob.account().id());
    assertThat(received.note()).isEqualTo("scanned your code");
    aliceClient.contacts().accept(received.id());
    assertThat(aliceClient.contacts().listAll()).extracting(c -> c.account().id()).containsExactly(bob.account().id());
  }

  @Test
  void redeemingYourOwnLink_isRejected_andUnknownTokensAreNotFound() {
    AtriumClient alice = server.newUserClient("own");

    AtriumApiException own = catchApi(() -> alice.contacts().redeemLink(alice.contacts().link().token(), null));

    assertThat(own.status()).isEqualTo(422);
    assertThat(own.field()).isEqualTo("token");
    for (String token : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "not.a.token", "x".repeat(300)}) {
      AtriumApiException unknown = catchApi(() -> alice.contacts().redeemLink(token, null));
      assertThat(unknown.status()).as(token).isEqualTo(404);
      assertThat(unknown.code()).isEqualTo("not_found");
    }
  }

  @Test
  void configuredPublicBaseUrl_isWhatTheLinkPointsAt() {
    try (TestServer behindProxy = TestServer.builder().set("ATRIUM_PUBLIC_BASE_URL", "https://chat.example.org/").start()) {
      AtriumClient alice = behindProxy.newUserClient("proxied");

      ContactLink link = alice.contacts().link();

      assertThat(link.url()).isEqualTo("https://chat.example.org/c/" + link.token());
    }
  }
}
