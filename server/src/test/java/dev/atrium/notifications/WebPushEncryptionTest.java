package dev.atrium.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import dev.atrium.testing.TestPushService;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The payload encryption against RFC 8291's published example (Appendix A): the test push service's
 * decryption must open the RFC's message, and must open what the server's Web Push library produces
 * for the same browser keys.
 */
class WebPushEncryptionTest {
  private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  private static final byte[] UA_PUBLIC =
      decode(
          "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4");
  private static final byte[] UA_PRIVATE = decode("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94");
  private static final byte[] AUTH_SECRET = decode("BTBZMqHH6r4Tts7J_aSIgg");
  private static final byte[] RFC_BODY =
      decode(
          "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
              + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
              + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN");

  @Test
  void theRfcExample_decryptsToItsPlaintext() throws Exception {
    byte[] plaintext = TestPushService.decrypt(RFC_BODY, uaPrivate(), UA_PUBLIC, AUTH_SECRET);

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
  }

  @Test
  void theRfcExample_withOneBitChanged_doesNotDecrypt() {
    byte[] tampered = RFC_BODY.clone();
    tampered[tampered.length - 1] ^= 0x40;

    assertThatThrownBy(() -> TestPushService.decrypt(tampered, uaPrivate(), UA_PUBLIC, AUTH_SECRET))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void whatTheServerEncrypts_decryptsWithTheRfcBrowserKeys() throws Exception {
    WebPush webPush = new WebPush("mailto:postmaster@localhost", VapidKeys.generate());

    byte[] body =
        webPush.getBody(PLAINTEXT.getBytes(StandardCharsets.UTF_8), UA_PUBLIC, AUTH_SECRET);

    // RFC 8291 section 4: a 86-byte header (salt, rs = 4096, idlen = 65, the sender's key), one
    // record.
    assertThat(body.length).isEqualTo(86 + PLAINTEXT.length() + 1 + 16);
    assertThat(java.util.Arrays.copyOfRange(body, 16, 21)).containsExactly(0, 0, 16, 0, 65);
    byte[] plaintext = TestPushService.decrypt(body, uaPrivate(), UA_PUBLIC, AUTH_SECRET);
    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
  }

  private static PrivateKey uaPrivate() throws GeneralSecurityException {
    return TestPushService.privateKey(UA_PRIVATE);
  }

  private static byte[] decode(String base64Url) {
    return Base64.getUrlDecoder().decode(base64Url);
  }
}
