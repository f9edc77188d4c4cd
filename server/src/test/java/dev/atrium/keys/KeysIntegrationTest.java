package dev.atrium.keys;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.KeyModels.ClaimedKeyPackage;
import dev.atrium.sdk.KeyModels.DeviceKey;
import dev.atrium.sdk.KeyModels.KeyPackage;
import dev.atrium.sdk.KeysClient;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeysIntegrationTest {
  /** MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519. */
  private static final int SUITE = 1;

  /** MLS_128_DHKEMP256_AES128GCM_SHA256_P256. */
  private static final int OTHER_SUITE = 2;

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A device of a user: its session and a client acting as it. */
  record Device(Session session, AtriumClient client) {
    String accountId() {
      return session.account().id();
    }

    String id() {
      return session.device().id();
    }

    KeysClient keys() {
      return client.keys();
    }

    /** Another device of the same account. */
    Device login(String name) {
      Session other = server.client().login(session.account().username(), PASSWORD, name);
      return new Device(other, server.client().as(other));
    }
  }

  private static Device user(TestServer on, String prefix) {
    Session session = on.newUser(prefix);
    return new Device(session, on.client().as(session));
  }

  private static Device user(String prefix) {
    return user(server, prefix);
  }

  /** A device with a fresh signature key registered. */
  private static Device withKey(Device device) {
    device.keys().registerIdentityKey(SUITE, randomBytes(32));
    return device;
  }

  static void befriend(Device a, Device b) {
    String requestId =
        a.client().contacts().sendRequest(b.session().account().username(), null).request().id();
    b.client().contacts().accept(requestId);
  }

  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  /** Key packages whose bytes name their device and number, so a test can tell them apart. */
  static List<KeyPackage> keyPackages(Device device, int suite, int count) {
    List<KeyPackage> packages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      packages.add(
          new KeyPackage(
              suite, (device.id() + "#" + suite + "#" + i).getBytes(StandardCharsets.UTF_8)));
    }
    return packages;
  }

  static String text(ClaimedKeyPackage claimed) {
    return new String(claimed.data(), StandardCharsets.UTF_8);
  }

  @Test
  void identityKey_isRegisteredOnce_idempotently_andCannotBeReplaced() {
    Device alice = user("idkey");
    byte[] key = randomBytes(32);

    DeviceKey registered = alice.keys().registerIdentityKey(SUITE, key);
    DeviceKey again = alice.keys().registerIdentityKey(SUITE, key.clone());

    assertThat(registered.deviceId()).isEqualTo(alice.id());
    assertThat(registered.signaturePublicKey()).isEqualTo(key);
    assertThat(again.createdAt()).isEqualTo(registered.createdAt());
    for (Runnable replacement :
        List.<Runnable>of(
            () -> alice.keys().registerIdentityKey(SUITE, randomBytes(32)),
            () -> alice.keys().registerIdentityKey(OTHER_SUITE, key))) {
      AtriumApiException refused = catchApi(replacement);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.code()).isEqualTo("identity_key_immutable");
    }
    assertThat(alice.keys().devices(alice.accountId()))
        .singleElement()
        .satisfies(device -> assertThat(device.signaturePublicKey()).isEqualTo(key));
  }

  @Test
  void identityKey_malformedValues_areRejectedNamingTheField() {
    Device alice = user("idshape");

    assertRefused(
        alice,
        "PUT",
        "/api/v1/devices/current/identity-key",
        "{\"ciphersuite\":1,\"signaturePublicKey\":\"not base64!\"}",
        422,
        "validation_failed",
        "signaturePublicKey");
    assertRefused(
        alice,
        "PUT",
        "/api/v1/devices/current/identity-key",
        "{\"ciphersuite\":1,\"signaturePublicKey\":\"\"}",
        422,
        "validation_failed",
        "signaturePublicKey");
    assertRefused(
        alice,
        "PUT",
        "/api/v1/devices/current/identity-key",
        "{\"ciphersuite\":0,\"signaturePublicKey\":\"AAEC\"}",
        422,
        "validation_failed",
        "ciphersuite");
    assertRefused(
        alice,
        "PUT",
        "/api/v1/devices/current/identity-key",
        "{\"ciphersuite\":\"1\",\"signaturePublicKey\":\"AAEC\"}",
        400,
        "invalid_type",
        "ciphersuite");
    assertRefused(
        alice,
        "PUT",
        "/api/v1/devices/current/identity-key",
        "{\"signaturePublicKey\":\"AAEC\"}",
        400,
        "missing_field",
        "ciphersuite");
    String tooLong = Base64.getEncoder().encodeToString(randomBytes(4097));
    assertRefused(
        alice,
        "PUT",
        "/api/v1/devices/current/identity-key",
        "{\"ciphersuite\":1,\"signaturePublicKey\":\"" + tooLong + "\"}",
        422,
        "validation_failed",
        "signaturePublicKey");
    assertThat(alice.keys().devices(alice.accountId())).isEmpty();
  }

  @Test
  void deviceKeys_areVisibleToTheAccountAndItsContacts_andNotFoundForEveryoneElse() {
    Device alice = withKey(user("visible"));
    Device alicePhone = withKey(alice.login("Phone"));
    alice.login("No key yet");
    Device friend = user("visible_friend");
    Device stranger = user("visible_stranger");
    befriend(alice, friend);

    assertThat(friend.keys().devices(alice.accountId()))
        .extracting(DeviceKey::deviceId)
        .containsExactly(alice.id(), alicePhone.id());
    assertThat(alicePhone.keys().devices(alice.accountId())).hasSize(2);
    AtriumApiException hidden = catchApi(() -> stranger.keys().devices(alice.accountId()));
    AtriumApiException unknown = catchApi(() -> stranger.keys().devices("AAAAAAAAAAAAAAAAAAAAAA"));
    AtriumApiException claimHidden =
        catchApi(() -> stranger.keys().claim(alice.accountId(), SUITE));
    assertThat(List.of(hidden, unknown, claimHidden))
        .allSatisfy(
            refusal -> {
              assertThat(refusal.status()).isEqualTo(404);
              assertThat(refusal.code()).isEqualTo("not_found");
              assertThat(refusal.getMessage()).isEqualTo(unknown.getMessage());
            });

    friend.client().contacts().remove(alice.accountId());

    assertThat(catchApi(() -> friend.keys().devices(alice.accountId())).status()).isEqualTo(404);
  }

  @Test
  void upload_isCappedAt200StoredPerDevice_allOrNothing() {
    Device alice = withKey(user("cap"));
    Device phone = withKey(alice.login("Phone"));

    alice.keys().upload(keyPackages(alice, SUITE, 100), null);
    assertThat(alice.keys().upload(keyPackages(alice, SUITE, 100), null).count()).isEqualTo(200);
    AtriumApiException refused =
        catchApi(() -> alice.keys().upload(keyPackages(alice, SUITE, 1), null));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("key_package_limit");
    assertThat(alice.keys().count().count()).isEqualTo(200);
    // The cap is per device, and a last-resort key package is not one of the 200.
    assertThat(phone.keys().upload(keyPackages(phone, SUITE, 1), null).count()).isEqualTo(1);
    assertThat(alice.keys().upload(List.of(), new KeyPackage(SUITE, randomBytes(100))).lastResort())
        .isTrue();
    assertRefused(
        alice,
        "POST",
        "/api/v1/devices/current/key-packages",
        "{\"keyPackages\":["
            + "{\"ciphersuite\":1,\"data\":\"AAEC\"},".repeat(100)
            + "{\"ciphersuite\":1,\"data\":\"AAEC\"}]}",
        422,
        "validation_failed",
        "keyPackages");
  }

  @Test
  void keyPackage_overTheSizeCap_isRefused_andNothingIsStored() {
    Device alice = withKey(user("size"));

    alice.keys().upload(List.of(new KeyPackage(SUITE, randomBytes(16_384))), null);
    AtriumApiException refused =
        catchApi(
            () ->
                alice
                    .keys()
                    .upload(
                        List.of(
                            new KeyPackage(SUITE, randomBytes(10)),
                            new KeyPackage(SUITE, randomBytes(16_385))),
                        null));

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.code()).isEqualTo("key_package_too_large");
    assertThat(refused.field()).isEqualTo("keyPackages[1].data");
    assertThat(alice.keys().count().count()).isEqualTo(1);
    assertRefused(
        alice,
        "POST",
        "/api/v1/devices/current/key-packages",
        "{\"keyPackages\":[{\"ciphersuite\":1,\"data\":\"%%%\"}]}",
        422,
        "validation_failed",
        "keyPackages[0].data");
    assertRefused(
        alice,
        "POST",
        "/api/v1/devices/current/key-packages",
        "{\"lastResort\":{\"data\":\"AAEC\"}}",
        400,
        "missing_field",
        "lastResort.ciphersuite");
    assertRefused(
        alice,
        "POST",
        "/api/v1/devices/current/key-packages",
        "{}",
        422,
        "validation_failed",
        "keyPackages");
  }

  @Test
  void upload_beforeRegisteringAnIdentityKey_isRefused() {
    Device alice = user("nokey");

    AtriumApiException refused =
        catchApi(() -> alice.keys().upload(keyPackages(alice, SUITE, 1), null));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("identity_key_required");
    assertThat(alice.keys().count().count()).isZero();
  }

  @Test
  void claim_returnsOnePackagePerDevice_andDeletesWhatItHandsOut() {
    Device alice = withKey(user("claim"));
    Device phone = withKey(alice.login("Phone"));
    alice.login("Device without key");
    alice.keys().upload(keyPackages(alice, SUITE, 2), null);
    phone.keys().upload(keyPackages(phone, SUITE, 2), null);
    Device friend = user("claim_friend");
    befriend(alice, friend);

    List<ClaimedKeyPackage> first = friend.keys().claim(alice.accountId(), SUITE);
    List<ClaimedKeyPackage> second = friend.keys().claim(alice.accountId(), SUITE);

    assertThat(first)
        .extracting(ClaimedKeyPackage::deviceId)
        .containsExactlyInAnyOrder(alice.id(), phone.id());
    assertThat(second)
        .extracting(ClaimedKeyPackage::deviceId)
        .containsExactlyInAnyOrder(alice.id(), phone.id());
    assertThat(first).noneMatch(ClaimedKeyPackage::lastResort);
    List<String> handedOut =
        new ArrayList<>(first.stream().map(KeysIntegrationTest::text).toList());
    handedOut.addAll(second.stream().map(KeysIntegrationTest::text).toList());
    assertThat(handedOut)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            List.of(
                alice.id() + "#1#0",
                alice.id() + "#1#1",
                phone.id() + "#1#0",
                phone.id() + "#1#1"));
    assertThat(alice.keys().count().count()).isZero();
    assertThat(phone.keys().count().count()).isZero();
    assertThat(friend.keys().claim(alice.accountId(), SUITE)).isEmpty();
  }

  @Test
  void claim_afterExhaustion_returnsTheLastResortPackage_andKeepsIt() {
    Device alice = withKey(user("resort"));
    alice
        .keys()
        .upload(
            keyPackages(alice, SUITE, 1),
            new KeyPackage(SUITE, "last resort".getBytes(StandardCharsets.UTF_8)));
    Device friend = user("resort_friend");
    befriend(alice, friend);

    ClaimedKeyPackage oneTime = friend.keys().claim(alice.accountId(), SUITE).getFirst();
    ClaimedKeyPackage lastResort = friend.keys().claim(alice.accountId(), SUITE).getFirst();
    ClaimedKeyPackage lastResortAgain = friend.keys().claim(alice.accountId(), SUITE).getFirst();

    assertThat(oneTime.lastResort()).isFalse();
    assertThat(lastResort.lastResort()).isTrue();
    assertThat(text(lastResort)).isEqualTo("last resort");
    assertThat(text(lastResortAgain)).isEqualTo("last resort");
    assertThat(alice.keys().count())
        .satisfies(
            count -> {
              assertThat(count.count()).isZero();
              assertThat(count.lastResort()).isTrue();
            });
    alice
        .keys()
        .upload(
            List.of(), new KeyPackage(SUITE, "newer last resort".getBytes(StandardCharsets.UTF_8)));
    assertThat(text(friend.keys().claim(alice.accountId(), SUITE).getFirst()))
        .isEqualTo("newer last resort");
  }

  @Test
  void claim_handsOutOnlyPackagesOfTheRequestedCiphersuite() {
    Device alice = withKey(user("suite"));
    alice.keys().upload(keyPackages(alice, SUITE, 1), new KeyPackage(SUITE, randomBytes(8)));
    alice.keys().upload(keyPackages(alice, OTHER_SUITE, 1), null);
    Device friend = user("suite_friend");
    befriend(alice, friend);

    assertThat(friend.keys().claim(alice.accountId(), OTHER_SUITE))
        .singleElement()
        .satisfies(claimed -> assertThat(text(claimed)).isEqualTo(alice.id() + "#2#0"));
    // No package and no last-resort package for this suite: the device is left out.
    assertThat(friend.keys().claim(alice.accountId(), OTHER_SUITE)).isEmpty();
    assertThat(friend.keys().claim(alice.accountId(), SUITE))
        .singleElement()
        .satisfies(claimed -> assertThat(claimed.ciphersuite()).isEqualTo(SUITE));
  }

  @Test
  void claimingYourOwnAccount_skipsTheCallingDevice() {
    Device laptop = withKey(user("own"));
    Device phone = withKey(laptop.login("Phone"));
    laptop.keys().upload(keyPackages(laptop, SUITE, 1), null);
    phone.keys().upload(keyPackages(phone, SUITE, 1), null);

    assertThat(laptop.keys().claim(laptop.accountId(), SUITE))
        .extracting(ClaimedKeyPackage::deviceId)
        .containsExactly(phone.id());
    assertThat(laptop.keys().count().count()).isEqualTo(1);
  }

  @Test
  void revokedDevice_keysAndKeyPackagesDisappear() {
    Device laptop = withKey(user("revoked"));
    Device phone = withKey(laptop.login("Phone"));
    phone.keys().upload(keyPackages(phone, SUITE, 3), new KeyPackage(SUITE, randomBytes(8)));
    Device friend = user("revoked_friend");
    befriend(laptop, friend);

    laptop.client().revokeDevice(phone.id());

    assertThat(friend.keys().devices(laptop.accountId()))
        .extracting(DeviceKey::deviceId)
        .containsExactly(laptop.id());
    assertThat(friend.keys().claim(laptop.accountId(), SUITE)).isEmpty();
    JsonNode exported = laptop.client().export().sections().get("keys").path("devices");
    assertThat(exported.findValuesAsText("deviceId")).containsExactly(laptop.id());
  }

  @Test
  void export_listsIdentityKeysAndCounts_butNotTheKeyPackages() {
    Device alice = withKey(user("export"));
    alice
        .keys()
        .upload(
            keyPackages(alice, SUITE, 2),
            new KeyPackage(SUITE, "resort".getBytes(StandardCharsets.UTF_8)));
    DeviceKey key = alice.keys().devices(alice.accountId()).getFirst();

    JsonNode device = alice.client().export().sections().get("keys").path("devices").get(0);
    String raw = alice.client().raw("GET", "/api/v1/me/export", null, null).body();

    assertThat(device.path("deviceId").asText()).isEqualTo(alice.id());
    assertThat(device.path("signaturePublicKey").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(key.signaturePublicKey()));
    assertThat(device.path("keyPackageCount").asInt()).isEqualTo(2);
    assertThat(device.path("lastResortKeyPackage").asBoolean()).isTrue();
    assertThat(raw)
        .doesNotContain(
            Base64.getEncoder()
                .encodeToString((alice.id() + "#1#0").getBytes(StandardCharsets.UTF_8)))
        .doesNotContain(
            Base64.getEncoder().encodeToString("resort".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void accountDeletion_removesAllKeys() {
    Device alice = withKey(user("gone"));
    alice.keys().upload(keyPackages(alice, SUITE, 2), null);
    String accountId = alice.accountId();

    alice.client().deleteAccount(PASSWORD);

    KeysService keys = server.atrium().keys().service();
    assertThat(keys.devices(accountId, accountId)).isEmpty();
    assertThat(keys.export(accountId).devices()).isEmpty();
  }

  @Test
  void claims_areRateLimitedPerRequester() {
    try (TestServer limited =
        TestServer.builder().set("rateLimits.keyPackageClaimPerAccount", "2/1h").start()) {
      Device alice = withKey(user(limited, "limited"));
      Device friend = user(limited, "limited_friend");
      befriend(alice, friend);
      friend.keys().claim(alice.accountId(), SUITE);
      friend.keys().claim(alice.accountId(), SUITE);

      AtriumApiException refused = catchApi(() -> friend.keys().claim(alice.accountId(), SUITE));

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.code()).isEqualTo("rate_limited");
      // Another requester has a bucket of its own.
      assertThat(alice.keys().claim(alice.accountId(), SUITE)).isEmpty();
    }
  }

  private static void assertRefused(
      Device device,
      String method,
      String path,
      String json,
      int status,
      String code,
      String field) {
    RawResponse response =
        device
            .client()
            .raw(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).as(json).isEqualTo(status);
    assertThat(response.errorCode()).as(json).isEqualTo(code);
    assertThat(response.json().path("error").path("field").asText()).as(json).isEqualTo(field);
  }
}
