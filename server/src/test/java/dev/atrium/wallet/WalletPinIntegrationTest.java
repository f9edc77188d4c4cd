package dev.atrium.wallet;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.wallet.WalletFixture.PIN;
import static dev.atrium.wallet.WalletFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.WalletFixture.Person;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The payment PIN: set, change, wrong tries and the 15-minute lock, through the SDK. */
class WalletPinIntegrationTest {
  private static final MutableClock CLOCK = WalletFixture.clock();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = WalletFixture.server(CLOCK).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pin_isSetOnce_thenChangedOnlyWithTheCurrentPinOrThePassword() {
    AtriumClient client = server.newUserClient("pin");

    assertThat(client.wallet().get().pinSet()).isFalse();
    assertThat(catchApi(() -> client.wallet().setPin("12345", null, null)).code())
        .isEqualTo("pin_invalid");
    assertThat(catchApi(() -> client.wallet().setPin("12a456", null, null)).status())
        .isEqualTo(422);
    client.wallet().setPin("111111", null, null);
    assertThat(client.wallet().get().pinSet()).isTrue();
    assertThat(catchApi(() -> client.wallet().setPin("222222", null, null)).code())
        .isEqualTo("pin_already_set");
    AtriumApiException wrong = catchApi(() -> client.wallet().setPin("222222", "999999", null));
    assertThat(wrong.code()).isEqualTo("pin_wrong");
    assertThat(wrong.status()).isEqualTo(403);
    client.wallet().setPin("222222", "111111", null);
    assertThat(catchApi(() -> client.wallet().setPin("333333", null, "not the password")).code())
        .isEqualTo("wrong_password");
    client.wallet().setPin("333333", null, TestServer.PASSWORD);
    assertThat(catchApi(() -> client.wallet().setPin("444444", "222222", null)).code())
        .isEqualTo("pin_wrong");
    client.wallet().setPin("444444", "333333", null);
  }

  @Test
  void paymentWithoutPin_isRefused() {
    Person alice = WalletFixture.person(server, "nopin_peer", 0);
    Session session = server.newUser("nopin");
    Person bob = new Person(session, server.client().as(session));
    bob.client().wallet().sandboxTopUp(500, key());
    String conversation = WalletFixture.direct(server, bob, alice);

    assertThat(
            catchApi(() -> bob.client().wallet().sendTransfer(conversation, 100, null, PIN, key()))
                .code())
        .isEqualTo("pin_not_set");
    // The PIN is a required field of the request, refused like any other missing field.
    assertThat(
            catchApi(() -> bob.client().wallet().sendTransfer(conversation, 100, null, null, key()))
                .code())
        .isEqualTo("missing_field");
    assertThat(bob.balance()).isEqualTo(500);
  }

  @Test
  void fiveWrongPins_lockOutgoingPayments_forFifteenMinutes() {
    Person alice = WalletFixture.person(server, "locked", 1_000);
    Person bob = WalletFixture.person(server, "lockpeer", 0);
    String conversation = WalletFixture.direct(server, alice, bob);

    for (int triesLeft = 4; triesLeft >= 1; triesLeft--) {
      AtriumApiException wrong =
          catchApi(
              () -> alice.client().wallet().sendTransfer(conversation, 100, null, "000000", key()));
      assertThat(wrong.code()).isEqualTo("pin_wrong");
    }
    AtriumApiException fifth =
        catchApi(
            () -> alice.client().wallet().sendTransfer(conversation, 100, null, "000000", key()));
    AtriumApiException rightButLocked =
        catchApi(() -> alice.client().wallet().sendTransfer(conversation, 100, null, PIN, key()));

    assertThat(fifth.status()).isEqualTo(423);
    assertThat(fifth.code()).isEqualTo("pin_locked");
    assertThat(fifth.retryAfterSeconds()).isEqualTo(900L);
    assertThat(rightButLocked.code()).isEqualTo("pin_locked");
    assertThat(alice.client().wallet().get().pinLockedUntil()).isNotNull();
    assertThat(alice.balance()).isEqualTo(1_000);

    CLOCK.advance(Duration.ofMinutes(15));
    assertThat(alice.client().wallet().sendTransfer(conversation, 100, null, PIN, key()).status())
        .isEqualTo("pending");
    assertThat(alice.balance()).isEqualTo(900);
    assertThat(
            catchApi(
                    () ->
                        alice
                            .client()
                            .wallet()
                            .sendTransfer(conversation, 100, null, "000000", key()))
                .code())
        .isEqualTo("pin_wrong");
  }
}
