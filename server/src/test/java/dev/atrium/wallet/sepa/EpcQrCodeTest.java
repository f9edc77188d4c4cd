package dev.atrium.wallet.sepa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.atrium.platform.qr.QrCodes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class EpcQrCodeTest {
  private static final Iban OPERATOR_IBAN = Iban.parse("DE02120300000000202051", "iban");
  private static final Bic OPERATOR_BIC = Bic.parse("BYLADEM1001", "bic");

  @Test
  void specificationExample_isReproducedLineForLine() {
    // EPC069-12 section 5 sample, with the version raised to 002 (UTF-8 and optional BIC).
    EpcQrCode code =
        new EpcQrCode(
            Bic.parse("BPOTBEB1", "bic"),
            "Red Cross of Belgium",
            Iban.parse("BE72000000001616", "iban"),
            100L,
            "CHAR",
            null,
            "Urgency fund",
            "Sample EPC QR code");

    assertThat(code.payload())
        .isEqualTo(
            """
        BCD
        002
        1
        SCT
        BPOTBEB1
        Red Cross of Belgium
        BE72000000001616
        EUR1
        CHAR

        Urgency fund
        Sample EPC QR code""");
  }

  @Test
  void topUp_carriesTheStructuredReferenceAndOmitsTrailingEmptyLines() {
    CreditorReference reference = CreditorReference.of("K7QD2M9XWB4TR6NP");
    EpcQrCode code =
        EpcQrCode.topUp(OPERATOR_BIC, "Atrium Operator GmbH", OPERATOR_IBAN, 1234L, reference);

    assertThat(code.payload().split("\n", -1))
        .containsExactly(
            "BCD",
            "002",
            "1",
            "SCT",
            "BYLADEM1001",
            "Atrium Operator GmbH",
            "DE02120300000000202051",
            "EUR12.34",
            "",
            "RF90K7QD2M9XWB4TR6NP");
  }

  @Test
  void withoutAmountOrBic_thoseLinesStayEmpty() {
    EpcQrCode code =
        EpcQrCode.topUp(null, "Atrium", OPERATOR_IBAN, null, CreditorReference.of("ABC"));

    assertThat(code.payload().split("\n", -1))
        .containsExactly(
            "BCD",
            "002",
            "1",
            "SCT",
            "",
            "Atrium",
            "DE02120300000000202051",
            "",
            "",
            code.reference().value());
  }

  @Test
  void amounts_areWrittenAsTheSpecificationDoes() {
    assertThat(EpcQrCode.shortestEuros(1)).isEqualTo("0.01");
    assertThat(EpcQrCode.shortestEuros(1230)).isEqualTo("12.3");
    assertThat(EpcQrCode.shortestEuros(99_999_999_999L)).isEqualTo("999999999.99");
  }

  @Test
  void invalidCombinations_areRefused() {
    CreditorReference reference = CreditorReference.of("ABC");
    assertThatThrownBy(
            () -> new EpcQrCode(null, "A", OPERATOR_IBAN, null, null, reference, "text", null))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> EpcQrCode.topUp(null, "A", OPERATOR_IBAN, 0L, reference))
        .hasMessageContaining("0.01");
    assertThatThrownBy(() -> EpcQrCode.topUp(null, "x".repeat(71), OPERATOR_IBAN, null, reference))
        .hasMessageContaining("1-70");
  }

  @Test
  void renderedPng_scansBackToThePayload() throws Exception {
    String payload =
        EpcQrCode.topUp(
                OPERATOR_BIC,
                "Atrium Operator GmbH",
                OPERATOR_IBAN,
                5000L,
                CreditorReference.of("K7QD2M9XWB4TR6NP"))
            .payload();

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(payload, 400)));
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    var bitmap =
        new BinaryBitmap(
            new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));

    assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(payload);
    assertThat(QrCodes.svg(payload, 256)).startsWith("<svg").contains("<path");
    assertThat(payload.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(EpcQrCode.PAYLOAD_BYTES_MAX);
  }
}
