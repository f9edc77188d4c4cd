package dev.atrium.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.KeyModels.ClaimedKeyPackage;
import dev.atrium.sdk.KeyModels.KeyPackage;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KeyPackageClaimConcurrencyIntegrationTest {
  private static final int SUITE = 1;
  private static final int PACKAGES_PER_DEVICE = 30;
  private static final int CLAIMING_ACCOUNTS = 8;
  private static final int CLAIMS_PER_ACCOUNT = 5;

  @Test
  void concurrentClaims_handOutEveryKeyPackageAtMostOnce_andTheRestGetLastResortOnes()
      throws Exception {
    try (TestServer server = TestServer.start()) {
      Session laptop = server.newUser("popular");
      Session phone =
          server.client().login(laptop.account().username(), TestServer.PASSWORD, "Phone");
      List<String> uploaded = new ArrayList<>();
      for (Session device : List.of(laptop, phone)) {
        AtriumClient client = server.client().as(device);
        client.keys().registerIdentityKey(SUITE, KeysIntegrationTest.randomBytes(32));
        List<KeyPackage> packages = new ArrayList<>();
        for (int i = 0; i < PACKAGES_PER_DEVICE; i++) {
          String text = device.device().id() + "#" + i;
          packages.add(new KeyPackage(SUITE, text.getBytes(StandardCharsets.UTF_8)));
          uploaded.add(text);
        }
        client
            .keys()
            .upload(
                packages,
                new KeyPackage(
                    SUITE,
                    ("last resort " + device.device().id()).getBytes(StandardCharsets.UTF_8)));
      }
      List<AtriumClient> claimers = new ArrayList<>();
      for (int i = 0; i < CLAIMING_ACCOUNTS; i++) {
        AtriumClient friend = server.newUserClient("claimer");
        String requestId =
            friend.contacts().sendRequest(laptop.account().username(), null).request().id();
        server.client().as(laptop).contacts().accept(requestId);
        claimers.add(friend);
      }
      int claims = CLAIMING_ACCOUNTS * CLAIMS_PER_ACCOUNT;
      CyclicBarrier start = new CyclicBarrier(claims);

      List<ClaimedKeyPackage> handedOut = new ArrayList<>();
      try (ExecutorService executor = Executors.newFixedThreadPool(claims)) {
        List<Future<List<ClaimedKeyPackage>>> futures = new ArrayList<>();
        for (int i = 0; i < claims; i++) {
          AtriumClient claimer = claimers.get(i % CLAIMING_ACCOUNTS);
          futures.add(
              executor.submit(
                  () -> {
                    start.await();
                    return claimer.keys().claim(laptop.account().id(), SUITE);
                  }));
        }
        for (Future<List<ClaimedKeyPackage>> future : futures) {
          List<ClaimedKeyPackage> claimed = future.get();
          assertThat(claimed)
              .extracting(ClaimedKeyPackage::deviceId)
              .containsExactlyInAnyOrder(laptop.device().id(), phone.device().id());
          handedOut.addAll(claimed);
        }
      }

      List<String> oneTime =
          handedOut.stream()
              .filter(claimed -> !claimed.lastResort())
              .map(KeysIntegrationTest::text)
              .toList();
      assertThat(oneTime).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(uploaded);
      assertThat(handedOut)
          .filteredOn(ClaimedKeyPackage::lastResort)
          .hasSize(2 * (claims - PACKAGES_PER_DEVICE))
          .allSatisfy(
              claimed ->
                  assertThat(KeysIntegrationTest.text(claimed))
                      .isEqualTo("last resort " + claimed.deviceId()));
      for (Session device : List.of(laptop, phone)) {
        assertThat(server.client().as(device).keys().count().count()).isZero();
        assertThat(server.client().as(device).keys().count().lastResort()).isTrue();
      }
    }
  }
}
