package dev.atrium.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  private static final String SECRET = "whsec_test_secret";
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final String BODY =
      "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"created\":\"2026-12-07T11:59:58Z\","
          + "\"appId\":\"app_1\",\"data\":{\"amountCents\":1250}}";

  private static String sign(String secret, long t, String body) {
    byte[] mac =
        WebhookVerifier.hmacSha256(
            secret.getBytes(StandardCharsets.UTF_8),
            (t + "." + body).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(mac);
  }

  private static String header(long t, String... signatures) {
    StringBuilder header = new StringBuilder("t=" + t);
    for (String signature : signatures) {
      header.append(",v1=").append(signature);
    }
    return header.toString();
  }

  @Test
  void goodSignature_returnsTheEvent() throws Exception {
    long t = NOW.getEpochSecond();
    WebhookEvent event =
        new WebhookVerifier(SECRET)
            .verify(BODY, header(t, sign(SECRET, t, BODY)), Long.toString(t), NOW);

    assertThat(event.id()).isEqualTo("evt_1");
    assertThat(event.type()).isEqualTo("payment.succeeded");
    assertThat(event.appId()).isEqualTo("app_1");
    assertThat(event.created()).isEqualTo(Instant.parse("2026-12-07T11:59:58Z"));
    assertThat(event.data().path("amountCents").asLong()).isEqualTo(1250);
  }

  @Test
  void tamperedBody_isRefused() {
    long t = NOW.getEpochSecond();
    String tampered = BODY.replace("1250", "9999");
    assertThatThrownBy(
            () ->
                new WebhookVerifier(SECRET).verify(tampered, header(t, sign(SECRET, t, BODY)), NOW))
        .isInstanceOf(WebhookSignatureException.class)
        .extracting(e -> ((WebhookSignatureException) e).reason())
        .isEqualTo(WebhookSignatureException.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void wrongSecret_isRefused() {
    long t = NOW.getEpochSecond();
    assertThatThrownBy(
            () ->
                new WebhookVerifier(SECRET)
                    .verify(BODY, header(t, sign("whsec_other", t, BODY)), NOW))
        .extracting(e -> ((WebhookSignatureException) e).reason())
        .isEqualTo(WebhookSignatureException.Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void timestampOlderThanTolerance_isRefused() {
    long t = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1).getEpochSecond();
    assertThatThrownBy(
            () -> new WebhookVerifier(SECRET).verify(BODY, header(t, sign(SECRET, t, BODY)), NOW))
        .extracting(e -> ((WebhookSignatureException) e).reason())
        .isEqualTo(WebhookSignatureException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
  }

  @Test
  void timestampFurtherInTheFutureThanTolerance_isRefused() {
    long t = NOW.plus(Duration.ofMinutes(6)).getEpochSecond();
    assertThatThrownBy(
            () -> new WebhookVerifier(SECRET).verify(BODY, header(t, sign(SECRET, t, BODY)), NOW))
        .extracting(e -> ((WebhookSignatureException) e).reason())
        .isEqualTo(WebhookSignatureException.Reason.TIMESTAMP_OUT_OF_TOLERANCE);
  }

  @Test
  void timestampWithinTolerance_isAccepted() throws Exception {
    long t = NOW.minus(Duration.ofMinutes(4)).getEpochSecond();
    assertThat(new WebhookVerifier(SECRET).verify(BODY, header(t, sign(SECRET, t, BODY)), NOW))
        .isNotNull();
  }

  @Test
  void rotatedSecrets_anyMatchingSignatureIsEnough() throws Exception {
    long t = NOW.getEpochSecond();
    // The server signs with the new and the old secret during a rotation.
    String both = header(t, sign("whsec_new", t, BODY), sign(SECRET, t, BODY));

    assertThat(new WebhookVerifier(SECRET).verify(BODY, both, NOW).id()).isEqualTo("evt_1");
    assertThat(new WebhookVerifier("whsec_new").verify(BODY, both, NOW).id()).isEqualTo("evt_1");
    // The provider, too, may hold the old and the new secret while it switches.
    assertThat(
            new WebhookVerifier(List.of("whsec_new", "whsec_older"), Duration.ofMinutes(5))
                .verify(BODY, header(t, sign("whsec_older", t, BODY)), NOW)
                .id())
        .isEqualTo("evt_1");
  }

  @Test
  void timestampHeaderDifferingFromTheSignedOne_isRefused() {
    long t = NOW.getEpochSecond();
    assertThatThrownBy(
            () ->
                new WebhookVerifier(SECRET)
                    .verify(BODY, header(t, sign(SECRET, t, BODY)), Long.toString(t - 1), NOW))
        .extracting(e -> ((WebhookSignatureException) e).reason())
        .isEqualTo(WebhookSignatureException.Reason.MALFORMED_HEADER);
  }

  @Test
  void malformedHeaders_areRefused() {
    WebhookVerifier verifier = new WebhookVerifier(SECRET);
    for (String bad :
        new String[] {null, "", "v1=00", "t=abc,v1=00", "t=1,v1=zz", "t=1", "t=1,t=2,v1=00"}) {
      assertThatThrownBy(() -> verifier.verify(BODY, bad, NOW))
          .as("header %s", bad)
          .extracting(e -> ((WebhookSignatureException) e).reason())
          .isEqualTo(WebhookSignatureException.Reason.MALFORMED_HEADER);
    }
  }

  @Test
  void signedButMalformedBody_isRefused() {
    long t = NOW.getEpochSecond();
    String body = "{\"id\":\"evt_1\"}";
    assertThatThrownBy(
            () -> new WebhookVerifier(SECRET).verify(body, header(t, sign(SECRET, t, body)), NOW))
        .extracting(e -> ((WebhookSignatureException) e).reason())
        .isEqualTo(WebhookSignatureException.Reason.MALFORMED_PAYLOAD);
  }
}
