package dev.atrium.identity;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.DeviceLink;
import dev.atrium.sdk.Models.DeviceLinkStatus;
import dev.atrium.sdk.Models.PendingDeviceLink;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceLinkIntegrationTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
  private static TestServer server;
  private static AtriumClient anonymous;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .clock(CLOCK)
            .set("ATRIUM_DEVICES_PER_ACCOUNT_MAX", "3")
            .set("identity.deviceLinkTtlSeconds", "60")
            .set("rateLimits.deviceLinkPerIp", "100000/1h")
            .set("rateLimits.deviceLinkPollPerIp", "100000/1h")
            .start();
    anonymous = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void approvedLink_becomesADeviceOfTheApprovingAccount_once() {
    Session phone = server.newUser("linker");
    AtriumClient phoneClient = anonymous.as(phone);
    DeviceLink link = anonymous.createDeviceLink("Office browser");

    assertThat(link.url()).endsWith("/link/" + link.code()).startsWith(server.uri().toString());
    assertThat(link.qrSvg()).startsWith("<svg").contains("<path");
    assertThat(anonymous.pollDeviceLink(link.pollSecret()).status()).isEqualTo("pending");

    PendingDeviceLink pending = phoneClient.lookupDeviceLink(link.code());
    assertThat(pending.deviceName()).isEqualTo("Office browser");
    phoneClient.approveDeviceLink(link.code());

    DeviceLinkStatus approved = anonymous.pollDeviceLink(link.pollSecret());
    assertThat(approved.status()).isEqualTo("approved");
    Session browser = approved.session();
    assertThat(browser.account().id()).isEqualTo(phone.account().id());
    assertThat(browser.device().name()).isEqualTo("Office browser");
    assertThat(anonymous.as(browser).me().username()).isEqualTo(phone.account().username());
    assertThat(phoneClient.devices())
        .extracting(device -> device.name())
        .contains("Office browser");

    // Single use: the session is handed out once, and the code cannot be approved again.
    assertThat(catchApi(() -> anonymous.pollDeviceLink(link.pollSecret())).status()).isEqualTo(404);
    assertThat(catchApi(() -> phoneClient.approveDeviceLink(link.code())).status()).isEqualTo(404);
  }

  @Test
  void declinedLink_tellsTheNewBrowser_andCannotBeApprovedAfterwards() {
    AtriumClient phone = server.newUserClient("decliner");
    DeviceLink link = anonymous.createDeviceLink("Unknown laptop");

    phone.declineDeviceLink(link.code());

    AtriumApiException again = catchApi(() -> phone.approveDeviceLink(link.code()));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("device_link_answered");
    DeviceLinkStatus status = anonymous.pollDeviceLink(link.pollSecret());
    assertThat(status.status()).isEqualTo("declined");
    assertThat(status.session()).isNull();
    assertThat(phone.devices()).hasSize(1);
  }

  @Test
  void linkNotAnsweredOrNotCollectedInTime_expires() {
    AtriumClient phone = server.newUserClient("slowpoke");
    DeviceLink unanswered = anonymous.createDeviceLink("Late browser");
    DeviceLink uncollected = anonymous.createDeviceLink("Forgotten browser");
    phone.approveDeviceLink(uncollected.code());

    CLOCK.advance(Duration.ofSeconds(61));

    assertThat(anonymous.pollDeviceLink(unanswered.pollSecret()).status()).isEqualTo("expired");
    assertThat(anonymous.pollDeviceLink(uncollected.pollSecret()).status()).isEqualTo("expired");
    assertThat(catchApi(() -> phone.lookupDeviceLink(unanswered.code())).status()).isEqualTo(404);
    assertThat(catchApi(() -> phone.approveDeviceLink(unanswered.code())).status()).isEqualTo(404);
    assertThat(phone.devices()).hasSize(1);
  }

  @Test
  void approval_whenTheAccountHasNoDeviceSlotLeft_isRefusedToTheNewBrowser() {
    Session owner = server.newUser("full");
    anonymous.login(owner.account().username(), TestServer.PASSWORD, "second");
    anonymous.login(owner.account().username(), TestServer.PASSWORD, "third");
    DeviceLink link = anonymous.createDeviceLink("Fourth");
    anonymous.as(owner).approveDeviceLink(link.code());

    AtriumApiException refused = catchApi(() -> anonymous.pollDeviceLink(link.pollSecret()));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("device_limit_reached");
    assertThat(anonymous.as(owner).devices()).hasSize(3);
  }

  @Test
  void concurrentPolls_ofAnApprovedLink_yieldOneSession() throws Exception {
    Session owner = server.newUser("racer");
    DeviceLink link = anonymous.createDeviceLink("Raced");
    anonymous.as(owner).approveDeviceLink(link.code());

    List<Callable<String>> polls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      polls.add(
          () -> {
            try {
              DeviceLinkStatus status = anonymous.pollDeviceLink(link.pollSecret());
              return status.session() == null ? status.status() : "session";
            } catch (AtriumApiException e) {
              return "http_" + e.status();
            }
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<String> outcomes = new ArrayList<>();
    try {
      for (Future<String> outcome : pool.invokeAll(polls, 30, TimeUnit.SECONDS)) {
        outcomes.add(outcome.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(outcomes).containsOnlyOnce("session");
    assertThat(outcomes).filteredOn(outcome -> !outcome.equals("session")).containsOnly("http_404");
    assertThat(anonymous.as(owner).devices()).hasSize(2);
  }

  @Test
  void badInput_getsClear4xx() {
    RawResponse noName =
        anonymous.raw(
            "POST",
            "/api/v1/device-links",
            "application/json",
            ("{\"deviceName\": \"" + "x".repeat(65) + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(noName.status()).isEqualTo(422);
    RawResponse noSecret =
        anonymous.raw(
            "POST",
            "/api/v1/device-links/poll",
            "application/json",
            "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(noSecret.status()).isEqualTo(400);
    assertThat(catchApi(() -> anonymous.pollDeviceLink("dlp_not-a-real-secret")).status())
        .isEqualTo(404);
    assertThat(
            anonymous
                .raw(
                    "POST",
                    "/api/v1/device-links/approve",
                    "application/json",
                    "{\"code\": \"dl_x\"}".getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(401);
    AtriumClient someone = server.newUserClient("prober");
    assertThat(catchApi(() -> someone.approveDeviceLink("dl_unknown")).status()).isEqualTo(404);
    assertThat(catchApi(() -> someone.lookupDeviceLink("dl_unknown")).status()).isEqualTo(404);
  }
}
