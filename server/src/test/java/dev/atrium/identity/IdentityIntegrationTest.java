package dev.atrium.identity;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.AccountExport;
import dev.atrium.sdk.Models.Device;
import dev.atrium.sdk.Models.Profile;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityIntegrationTest {
  private static TestServer server;
  private static AtriumClient anonymous;

  @BeforeAll
  static void start() {
    server = TestServer.builder().set("ATRIUM_DEVICES_PER_ACCOUNT_MAX", "3").start();
    anonymous = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void register_returnsSessionWithWorkingToken() {
    Session session =
        anonymous.register(
            Registration.of("Ada.Lovelace", PASSWORD, "Ada")
                .withLanguage("de")
                .withDeviceName("Laptop"));

    assertThat(session.token()).startsWith("atr_").hasSizeGreaterThan(40);
    assertThat(session.account().username()).isEqualTo("ada.lovelace");
    assertThat(session.device().name()).isEqualTo("Laptop");
    Profile me = anonymous.as(session).me();
    assertThat(me.username()).isEqualTo("ada.lovelace");
    assertThat(me.displayName()).isEqualTo("Ada");
    assertThat(me.language()).isEqualTo("de");
  }

  @Test
  void register_usernameDifferingOnlyInCase_isTaken() {
    anonymous.register(Registration.of("grace_h", PASSWORD, "Grace"));

    assertThatThrownBy(() -> anonymous.register(Registration.of("GRACE_H", PASSWORD, "Other")))
        .isInstanceOfSatisfying(
            AtriumApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.code()).isEqualTo("username_taken");
            });
  }

  @Test
  void register_invalidValues_areRejectedWith422NamingTheField() {
    assertValidation(Registration.of("ab", PASSWORD, "Short"), "username");
    assertValidation(Registration.of("has space", PASSWORD, "Space"), "username");
    assertValidation(Registration.of("x".repeat(33), PASSWORD, "Long"), "username");
    assertValidation(Registration.of("ok_name_1", "too short", "Pw"), "password");
    assertValidation(Registration.of("ok_name_2", PASSWORD, "   "), "displayName");
    assertValidation(Registration.of("ok_name_3", PASSWORD, "Lang").withLanguage("es"), "language");
  }

  private static void assertValidation(Registration registration, String field) {
    assertThatThrownBy(() -> anonymous.register(registration))
        .isInstanceOfSatisfying(
            AtriumApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo("validation_failed");
              assertThat(e.field()).isEqualTo(field);
            });
  }

  @Test
  void login_withWrongPasswordOrUnknownUser_givesTheSameRefusal() {
    Session user = server.newUser("login");
    String username = user.account().username();

    AtriumApiException wrongPassword =
        catchApi(() -> anonymous.login(username, "wrong password!", null));
    AtriumApiException unknownUser = catchApi(() -> anonymous.login("nobody_here", PASSWORD, null));

    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(wrongPassword.code()).isEqualTo("invalid_credentials");
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(unknownUser.code()).isEqualTo("invalid_credentials");
    assertThat(unknownUser.getMessage()).isEqualTo(wrongPassword.getMessage());
  }

  @Test
  void login_createsAnotherDevice_listedWithCurrentMarked() {
    Session first = server.newUser("devices");
    Session second =
        anonymous.login(first.account().username().toUpperCase(Locale.ROOT), PASSWORD, "Phone");

    List<Device> devices = anonymous.as(second).devices();

    assertThat(devices)
        .extracting(Device::id)
        .containsExactly(first.device().id(), second.device().id());
    assertThat(devices)
        .filteredOn(Device::current)
        .extracting(Device::name)
        .containsExactly("Phone");
  }

  @Test
  void login_beyondTheDeviceCap_isRefusedUntilOneIsRevoked() {
    Session first = server.newUser("cap");
    String username = first.account().username();
    anonymous.login(username, PASSWORD, "two");
    anonymous.login(username, PASSWORD, "three");

    assertThat(catchApi(() -> anonymous.login(username, PASSWORD, "four")).code())
        .isEqualTo("device_limit_reached");

    anonymous.as(first).logout();
    assertThat(anonymous.login(username, PASSWORD, "four").device().name()).isEqualTo("four");
  }

  @Test
  void revokedDevice_tokenStopsWorkingAtOnce() {
    Session first = server.newUser("revoke");
    Session second = anonymous.login(first.account().username(), PASSWORD, "Tablet");

    anonymous.as(first).revokeDevice(second.device().id());

    AtriumApiException refused = catchApi(() -> anonymous.as(second).me());
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.code()).isEqualTo("unauthenticated");
    assertThat(anonymous.as(first).devices())
        .extracting(Device::id)
        .containsExactly(first.device().id());
  }

  @Test
  void revokingAnotherAccountsDevice_isNotFound_andLeavesItWorking() {
    Session alice = server.newUser("alice");
    Session mallory = server.newUser("mallory");

    AtriumApiException refused =
        catchApi(() -> anonymous.as(mallory).revokeDevice(alice.device().id()));

    assertThat(refused.status()).isEqualTo(404);
    assertThat(anonymous.as(alice).me().id()).isEqualTo(alice.account().id());
  }

  @Test
  void logout_revokesOnlyThisDevice() {
    Session first = server.newUser("logout");
    Session second = anonymous.login(first.account().username(), PASSWORD, "Second");

    anonymous.as(second).logout();

    assertThat(catchApi(() -> anonymous.as(second).me()).status()).isEqualTo(401);
    assertThat(anonymous.as(first).me().id()).isEqualTo(first.account().id());
  }

  @Test
  void updateProfile_changesOnlyWhatIsGiven() {
    AtriumClient client = server.newUserClient("profile");

    Profile renamed = client.updateProfile("New Name", null);
    Profile relanguaged = client.updateProfile(null, "zh");

    assertThat(renamed.displayName()).isEqualTo("New Name");
    assertThat(relanguaged.displayName()).isEqualTo("New Name");
    assertThat(relanguaged.language()).isEqualTo("zh");
    assertThat(catchApi(() -> client.updateProfile(null, "xx")).field()).isEqualTo("language");
  }

  @Test
  void changePassword_revokesOtherDevices_andOldPasswordStopsWorking() {
    Session first = server.newUser("password");
    String username = first.account().username();
    Session second = anonymous.login(username, PASSWORD, "Other");

    anonymous.as(first).changePassword(PASSWORD, "a much better password");

    assertThat(anonymous.as(first).me().username()).isEqualTo(username);
    assertThat(catchApi(() -> anonymous.as(second).me()).status()).isEqualTo(401);
    assertThat(catchApi(() -> anonymous.login(username, PASSWORD, null)).code())
        .isEqualTo("invalid_credentials");
    assertThat(anonymous.login(username, "a much better password", null).token()).isNotBlank();
  }

  @Test
  void changePassword_withWrongCurrentPassword_isRefused() {
    AtriumClient client = server.newUserClient("wrongpw");

    AtriumApiException refused =
        catchApi(() -> client.changePassword("not my password", "a much better password"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("wrong_password");
  }

  @Test
  void lookup_findsExactUsernameOnly() {
    Session target = server.newUser("findme");
    AtriumClient searcher = server.newUserClient("searcher");
    String username = target.account().username();

    assertThat(searcher.lookup(username.toUpperCase(Locale.ROOT)).id())
        .isEqualTo(target.account().id());
    assertThat(
            catchApi(() -> searcher.lookup(username.substring(0, username.length() - 1))).status())
        .isEqualTo(404);
    assertThat(catchApi(() -> searcher.lookup("findme")).status()).isEqualTo(404);
  }

  @Test
  void export_containsProfileAndDevices_butNoSecrets() {
    Session session = server.newUser("export");
    AtriumClient client = anonymous.as(session);

    AccountExport export = client.export();
    String raw = client.raw("GET", "/api/v1/me/export", null, null).body();

    assertThat(export.formatVersion()).isEqualTo(1);
    assertThat(export.account().username()).isEqualTo(session.account().username());
    assertThat(export.account().status()).isEqualTo("active");
    assertThat(export.devices()).extracting(d -> d.id()).containsExactly(session.device().id());
    assertThat(raw)
        .doesNotContain(session.token())
        .doesNotContain("argon2")
        .doesNotContainIgnoringCase("hash");
  }

  @Test
  void deleteAccount_erasesPersonalData_revokesSessions_andFreesUsername() {
    Session session = server.newUser("delete");
    String username = session.account().username();
    Session other = anonymous.login(username, PASSWORD, "Other");
    AtriumClient lookupClient = server.newUserClient("observer");

    assertThat(catchApi(() -> anonymous.as(session).deleteAccount("wrong password")).code())
        .isEqualTo("wrong_password");
    anonymous.as(session).deleteAccount(PASSWORD);

    assertThat(catchApi(() -> anonymous.as(session).me()).status()).isEqualTo(401);
    assertThat(catchApi(() -> anonymous.as(other).me()).status()).isEqualTo(401);
    assertThat(catchApi(() -> anonymous.login(username, PASSWORD, null)).code())
        .isEqualTo("invalid_credentials");
    assertThat(catchApi(() -> lookupClient.lookup(username)).status()).isEqualTo(404);
    Account stored = server.atrium().identity().service().account(session.account().id());
    assertThat(stored.status()).isEqualTo(AccountStatus.DELETED);
    assertThat(stored.username()).isNull();
    assertThat(stored.displayName()).isNull();
    Session reused = anonymous.register(Registration.of(username, PASSWORD, "Someone new"));
    assertThat(reused.account().id()).isNotEqualTo(session.account().id());
  }
}
