package dev.atrium.wallet.emvco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.wallet.emvco.MerchantPresentedQr.PointOfInitiation;
import dev.atrium.wallet.emvco.Tlv.DataObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerchantPresentedQrTest {
  /**
   * The sample payload of EMV QR Code Specification for Payment Systems, Merchant-Presented Mode,
   * version 1.1, Appendix A (merchant "BEST TRANSPORT", Beijing), as published with its CRC.
   */
  static final String EMVCO_SPECIFICATION_SAMPLE =
      "00020101021229300012D156000000000510A93FO3230Q"
          + "31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输"
          + "0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A011223344998877"
          + "0708123456786304A13A";

  @Test
  void crc_matchesTheStandardCheckValue() {
    // CRC-16/CCITT-FALSE's catalogued check value for the nine ASCII digits.
    assertThat(Crc16Ccitt.hex("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo("29B1");
  }

  @Test
  void crc_matchesTheEmvcoSpecificationSample() {
    String covered =
        EMVCO_SPECIFICATION_SAMPLE.substring(0, EMVCO_SPECIFICATION_SAMPLE.length() - 4);

    assertThat(Crc16Ccitt.hex(covered.getBytes(StandardCharsets.UTF_8))).isEqualTo("A13A");
    List<DataObject> objects = MerchantPresentedQr.verified(EMVCO_SPECIFICATION_SAMPLE);
    assertThat(objects)
        .extracting(DataObject::tag)
        .containsExactly(
            "00", "01", "29", "31", "52", "58", "59", "60", "64", "54", "53", "55", "62", "91",
            "63");
    assertThat(objects.get(6).value()).isEqualTo("BEST TRANSPORT");
    assertThat(objects.get(8).value()).isEqualTo("0002ZH0104最佳运输0202北京");
  }

  @Test
  void specificationSample_isNotTakenForAnAtriumCode() {
    assertThatThrownBy(() -> MerchantPresentedQr.decode(EMVCO_SPECIFICATION_SAMPLE))
        .isInstanceOf(EmvcoFormatException.class)
        .hasMessageContaining("dev.atrium");
  }

  @Test
  void staticCode_hasTheExpectedLayoutAndDecodes() {
    MerchantPresentedQr code =
        new MerchantPresentedQr(
            PointOfInitiation.STATIC,
            "m_7f3a2c",
            null,
            "5812",
            null,
            "DE",
            "Cafe Sonne",
            "Berlin",
            null);

    String payload = code.encode();

    assertThat(payload)
        .startsWith(
            "000201010211"
                + "2626"
                + "0010dev.atrium"
                + "0108m_7f3a2c"
                + "52045812"
                + "5303978"
                + "5802DE"
                + "5910Cafe Sonne"
                + "6006Berlin"
                + "6304");
    assertThat(payload).hasSize(95);
    assertThat(MerchantPresentedQr.decode(payload)).isEqualTo(code);
  }

  @Test
  void dynamicCode_carriesAmountOrderReferenceAndBillNumber() {
    MerchantPresentedQr code =
        new MerchantPresentedQr(
            PointOfInitiation.DYNAMIC,
            "m_7f3a2c",
            "ord-1001",
            "5812",
            1_250L,
            "DE",
            "Cafe Sonne",
            "Berlin",
            "INV-1001");

    String payload = code.encode();

    assertThat(payload).contains("010212", "0208ord-1001", "540512.50", "62120108INV-1001");
    assertThat(MerchantPresentedQr.decode(payload)).isEqualTo(code);
  }

  @Test
  void anyChangedCharacter_isCaughtByTheCrc() {
    String payload =
        new MerchantPresentedQr(
                PointOfInitiation.DYNAMIC,
                "m1",
                "o1",
                "5812",
                1_250L,
                "DE",
                "Cafe Sonne",
                "Berlin",
                null)
            .encode();
    String tampered = payload.replace("540512.50", "540592.50");

    assertThatThrownBy(() -> MerchantPresentedQr.decode(tampered))
        .isInstanceOf(EmvcoFormatException.class)
        .hasMessageContaining("CRC");
  }

  @Test
  void foreignTemplatesBesideOurs_areIgnored() {
    String withoutCrc =
        "000201010211"
            + "0216"
            + "4000123456789012"
            + "2626"
            + "0010dev.atrium"
            + "0108m_7f3a2c"
            + "52045812"
            + "5303978"
            + "5802DE"
            + "5910Cafe Sonne"
            + "6006Berlin"
            + "6304";
    String payload = withoutCrc + Crc16Ccitt.hex(withoutCrc.getBytes(StandardCharsets.UTF_8));

    assertThat(MerchantPresentedQr.decode(payload).merchantId()).isEqualTo("m_7f3a2c");
  }

  @Test
  void malformedPayloads_areRefusedWithAReason() {
    assertThatThrownBy(() -> Tlv.decode("0002")).isInstanceOf(EmvcoFormatException.class);
    assertThatThrownBy(() -> Tlv.decode("000501")).hasMessageContaining("does not fit");
    assertThatThrownBy(() -> Tlv.decode("0A0201")).hasMessageContaining("digits");
    assertThatThrownBy(() -> MerchantPresentedQr.decode("hello"))
        .isInstanceOf(EmvcoFormatException.class);
    assertThatThrownBy(() -> MerchantPresentedQr.decode("0".repeat(600)))
        .hasMessageContaining("8-512");
    assertThatThrownBy(
            () ->
                new MerchantPresentedQr(
                    PointOfInitiation.DYNAMIC, "m1", null, "5812", null, "DE", "A", "B", null))
        .hasMessageContaining("dynamic code has an amount");
    assertThatThrownBy(
            () ->
                new MerchantPresentedQr(
                    PointOfInitiation.STATIC, "m1", null, "581", null, "DE", "A", "B", null))
        .hasMessageContaining("MCC");
  }

  @Test
  void dollarCode_isRefused() {
    String withoutCrc =
        "000201010211"
            + "2620"
            + "0010dev.atrium"
            + "0102m1"
            + "52045812"
            + "5303840"
            + "5802US"
            + "5901A"
            + "6001B"
            + "6304";
    String payload = withoutCrc + Crc16Ccitt.hex(withoutCrc.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> MerchantPresentedQr.decode(payload)).hasMessageContaining("978");
  }

  @Test
  void printable_transliteratesAndCuts() {
    assertThat(MerchantPresentedQr.printable("Café Zürich-Straße Bäckerei GmbH", 25))
        .isEqualTo("Cafe Zurich-Strasse Backe");
    assertThat(MerchantPresentedQr.printable("München", 15)).isEqualTo("Munchen");
  }
}
