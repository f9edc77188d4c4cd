package dev.atrium.contacts;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.ContactModels.ContactLink;
import dev.atrium.sdk.ContactModels.ContactRequest;
import dev.atrium.sdk.ContactModels.Image;
import dev.atrium.sdk.ContactModels.RequestOutcome;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactLinkIntegrationTest {
  private static final Pattern SVG_VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
  private static final Pattern SVG_RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");
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

    RequestOutcome outcome =
        server.client().as(bob).contacts().redeemLink(token, "scanned your code");

    assertThat(outcome.request().account().id()).isEqualTo(alice.account().id());
    ContactRequest received =
        aliceClient.contacts().incomingRequests(10, null).requests().getFirst();
    assertThat(received.account().id()).isEqualTo(bob.account().id());
    assertThat(received.note()).isEqualTo("scanned your code");
    aliceClient.contacts().accept(received.id());
    assertThat(aliceClient.contacts().listAll())
        .extracting(c -> c.account().id())
        .containsExactly(bob.account().id());
  }

  @Test
  void redeemingYourOwnLink_isRejected_andUnknownTokensAreNotFound() {
    AtriumClient alice = server.newUserClient("own");

    AtriumApiException own =
        catchApi(() -> alice.contacts().redeemLink(alice.contacts().link().token(), null));

    assertThat(own.status()).isEqualTo(422);
    assertThat(own.field()).isEqualTo("token");
    for (String token : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "not.a.token", "x".repeat(300)}) {
      AtriumApiException unknown = catchApi(() -> alice.contacts().redeemLink(token, null));
      assertThat(unknown.status()).as(token).isEqualTo(404);
      assertThat(unknown.code()).isEqualTo("not_found");
    }
  }

  @Test
  void qrPng_decodesToTheCurrentLink_atTheRequestedSize() throws Exception {
    AtriumClient alice = server.newUserClient("png");
    String url = alice.contacts().link().url();

    Image png = alice.contacts().linkQrPng(300);

    assertThat(png.contentType()).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
    assertThat(image.getWidth()).isEqualTo(300);
    assertThat(image.getHeight()).isEqualTo(300);
    assertThat(decode(image)).isEqualTo(url);
    String rotatedUrl = alice.contacts().rotateLink().url();
    assertThat(
            decode(ImageIO.read(new ByteArrayInputStream(alice.contacts().linkQrPng(128).bytes()))))
        .isEqualTo(rotatedUrl);
  }

  @Test
  void qrSvg_decodesToTheCurrentLink() throws Exception {
    AtriumClient alice = server.newUserClient("svg");
    String url = alice.contacts().link().url();

    Image svg = alice.contacts().linkQrSvg(256);

    assertThat(svg.contentType()).startsWith("image/svg+xml");
    String text = new String(svg.bytes(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("<svg ").contains("width=\"256\"").doesNotContain("<script");
    assertThat(decode(rasterise(text))).isEqualTo(url);
  }

  @Test
  void qrSize_outsideItsBounds_isRejected() {
    AtriumClient alice = server.newUserClient("qrsize");

    for (int size : new int[] {127, 2049}) {
      AtriumApiException refused = catchApi(() -> alice.contacts().linkQrPng(size));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.field()).isEqualTo("size");
    }
    assertThat(catchApi(() -> server.client().contacts().linkQrSvg(256)).status()).isEqualTo(401);
  }

  @Test
  void configuredPublicBaseUrl_isWhatTheLinkAndItsQrCodePointAt() throws Exception {
    try (TestServer behindProxy =
        TestServer.builder().set("ATRIUM_PUBLIC_BASE_URL", "https://chat.example.org/").start()) {
      AtriumClient alice = behindProxy.newUserClient("proxied");

      ContactLink link = alice.contacts().link();

      assertThat(link.url()).isEqualTo("https://chat.example.org/c/" + link.token());
      assertThat(
              decode(
                  ImageIO.read(new ByteArrayInputStream(alice.contacts().linkQrPng(256).bytes()))))
          .isEqualTo(link.url());
    }
  }

  private static String decode(BufferedImage image) throws Exception {
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(new HybridBinarizer(source)),
            Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
        .getText();
  }

  /** Draws the SVG's runs of dark modules, 4 pixels per module, the way a viewer would. */
  private static BufferedImage rasterise(String svg) throws IOException {
    Matcher viewBox = SVG_VIEW_BOX.matcher(svg);
    assertThat(viewBox.find()).isTrue();
    int scale = 4;
    int width = Integer.parseInt(viewBox.group(1)) * scale;
    int height = Integer.parseInt(viewBox.group(2)) * scale;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] white = new int[width];
    Arrays.fill(white, 0xFFFFFF);
    for (int y = 0; y < height; y++) {
      image.setRGB(0, y, width, 1, white, 0, width);
    }
    Matcher run = SVG_RUN.matcher(svg);
    int runs = 0;
    while (run.find()) {
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      for (int py = y * scale; py < (y + 1) * scale; py++) {
        for (int px = x * scale; px < (x + length) * scale; px++) {
          image.setRGB(px, py, 0);
        }
      }
      runs++;
    }
    assertThat(runs).isPositive();
    return image;
  }
}
