package dev.atrium.wallet.sepa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

class Pain001WriterTest {
  private static final Pain001Writer.Debtor OPERATOR =
      new Pain001Writer.Debtor(
          "Atrium Operator GmbH",
          Iban.parse("DE02120300000000202051", "iban"),
          Bic.parse("BYLADEM1001", "bic"));
  private static final Instant CREATED = Instant.parse("2026-11-23T08:00:00.123Z");

  @Test
  void batchOfWithdrawals_isValidAgainstTheOfficialSchema() throws Exception {
    byte[] document =
        new Pain001Writer()
            .write(
                "ATRIUM-20261123-0001",
                CREATED,
                LocalDate.of(2026, 11, 24),
                OPERATOR,
                List.of(
                    new CreditTransfer(
                        "W-0000000017",
                        25_000,
                        "Anna Schmidt",
                        Iban.parse("DE89370400440532013000", "iban"),
                        "Atrium withdrawal W-0000000017"),
                    new CreditTransfer(
                        "W-0000000018",
                        1,
                        "Zoë Ærøskøbing & Söhne <GmbH>",
                        Iban.parse("FR1420041010050500013M02606", "iban"),
                        null)));

    validate(document);
    String xml = new String(document, StandardCharsets.UTF_8);
    assertThat(xml)
        .contains(
            "<NbOfTxs>2</NbOfTxs>",
            "<CtrlSum>250.01</CtrlSum>",
            "<InstdAmt Ccy=\"EUR\">250.00</InstdAmt>",
            "<InstdAmt Ccy=\"EUR\">0.01</InstdAmt>",
            "<EndToEndId>W-0000000017</EndToEndId>",
            "<BICFI>BYLADEM1001</BICFI>",
            "<Cd>SEPA</Cd>",
            "<Dt>2026-11-24</Dt>",
            "<CreDtTm>2026-11-23T08:00:00Z</CreDtTm>",
            "<ChrgBr>SLEV</ChrgBr>",
            "<IBAN>FR1420041010050500013M02606</IBAN>",
            "<Nm>Zoe AEroskobing Sohne GmbH</Nm>");
  }

  @Test
  void withoutBic_theDebtorAgentIsNotProvidedAndStillValid() throws Exception {
    Pain001Writer.Debtor noBic = new Pain001Writer.Debtor("Atrium", OPERATOR.iban(), null);
    byte[] document =
        new Pain001Writer()
            .write(
                "M1",
                CREATED,
                LocalDate.of(2026, 11, 24),
                noBic,
                List.of(
                    new CreditTransfer(
                        "E1", 100, "A", Iban.parse("DE89370400440532013000", "iban"), "x")));

    validate(document);
    assertThat(new String(document, StandardCharsets.UTF_8))
        .contains("<Othr><Id>NOTPROVIDED</Id></Othr>");
  }

  @Test
  void theSchema_rejectsABrokenDocument_soTheCheckAboveMeansSomething() {
    byte[] broken =
        new Pain001Writer()
            .write(
                "M1",
                CREATED,
                LocalDate.of(2026, 11, 24),
                OPERATOR,
                List.of(
                    new CreditTransfer(
                        "E1", 100, "A", Iban.parse("DE89370400440532013000", "iban"), "x")));
    String xml =
        new String(broken, StandardCharsets.UTF_8)
            .replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>XXX</PmtMtd>");

    assertThatThrownBy(() -> validate(xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SAXException.class);
  }

  @Test
  void emptyBatch_andBadEndToEndIds_areRefused() {
    assertThatThrownBy(
            () ->
                new Pain001Writer()
                    .write("M1", CREATED, LocalDate.of(2026, 11, 24), OPERATOR, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CreditTransfer("x".repeat(36), 1, "A", OPERATOR.iban(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CreditTransfer("E1", 0, "A", OPERATOR.iban(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sepaText_keepsTheLatinSetAndCuts() {
    assertThat(Pain001Writer.sepaText("Müller & Söhne", 70)).isEqualTo("Muller Sohne");
    assertThat(Pain001Writer.sepaText("Łukasz Straßenverkäufer", 70))
        .isEqualTo("Lukasz Strassenverkaufer");
    assertThat(Pain001Writer.sepaText("田中", 70)).isEqualTo("NOTPROVIDED");
    assertThat(Pain001Writer.sepaText("a".repeat(80), 70)).hasSize(70);
  }

  private static void validate(byte[] document) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    Schema schema =
        factory.newSchema(Pain001WriterTest.class.getResource("/wallet/sepa/pain.001.001.09.xsd"));
    Validator validator = schema.newValidator();
    validator.validate(new StreamSource(new ByteArrayInputStream(document)));
  }
}
