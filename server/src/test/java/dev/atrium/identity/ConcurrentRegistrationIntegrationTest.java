package dev.atrium.identity;

import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentRegistrationIntegrationTest {

  @Test
  void fiftyParallelRegistrationsOfOneUsername_createExactlyOneAccount() throws Exception {
    try (TestServer server = TestServer.start();
        ExecutorService pool = Executors.newFixedThreadPool(50)) {
      AtriumClient client = server.client();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int attempt = i;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    client.register(Registration.of("The_One", PASSWORD, "Attempt " + attempt));
                    return 201;
                  } catch (AtriumApiException e) {
                    return e.code().equals("username_taken") ? 409 : e.status();
                  }
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> result : results) {
        statuses.add(result.get(60, TimeUnit.SECONDS));
      }

      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(49);
      assertThat(server.atrium().identity().service().listAccounts(null, 100))
          .extracting(Account::username)
          .containsExactly("the_one");
    }
  }

  @Test
  void parallelLogins_neverExceedTheDeviceCap() throws Exception {
    try (TestServer server =
            TestServer.builder().set("ATRIUM_DEVICES_PER_ACCOUNT_MAX", "5").start();
        ExecutorService pool = Executors.newFixedThreadPool(20)) {
      String username = server.newUser("capped").account().username();
      AtriumClient client = server.client();
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        results.add(
            pool.submit(
                () -> {
                  try {
                    client.login(username, PASSWORD, "parallel");
                    return true;
                  } catch (AtriumApiException e) {
                    assertThat(e.code()).isEqualTo("device_limit_reached");
                    return false;
                  }
                }));
      }
      int succeeded = 0;
      for (Future<Boolean> result : results) {
        succeeded += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }

      assertThat(succeeded).isEqualTo(4);
      Account account = server.atrium().identity().service().listAccounts(null, 10).getFirst();
      assertThat(account.deviceCount()).isEqualTo(5);
    }
  }
}
