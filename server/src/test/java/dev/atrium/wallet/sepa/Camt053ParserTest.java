package dev.atrium.wallet.sepa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class Camt053ParserTest {
  private final Camt053Parser parser = new Camt053Parser(1_048_576, 1_000);

  @Test
  void version02Statement_yieldsEveryEntryWithItsFields() throws IOException {
    List<StatementEntry> entries = parser.parse(resource("camt053-v02-statement.xml"));

    assertThat(entries).hasSize(6);
    StatementEntry structured = entries.get(0);
    assertThat(structured.statementId()).isEqualTo("2026-11-22-0001");
    assertThat(structured.accountIban()).isEqualTo("DE02120300000000202051");
    assertThat(structured.bankReference()).isEqualTo("2026112200001234");
    assertThat(structured.euroCents()).isEqualTo(5_000);
    assertThat(structured.direction()).isEqualTo(StatementEntry.Direction.CREDIT);
    assertThat(structured.booked()).isTrue();
    assertThat(structured.reversal()).isFalse();
    assertThat(structured.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 22));
    assertThat(structured.creditorReferences()).containsExactly("RF90K7QD2M9XWB4TR6NP");
    assertThat(structured.debtorName()).isEqualTo("Erika Mustermann");
    assertThat(structured.transactionCount()).isEqualTo(1);

    StatementEntry unstructured = entries.get(1);
    assertThat(unstructured.euroCents()).isEqualTo(1_234);
    assertThat(unstructured.creditorReferences()).isEmpty();
    assertThat(unstructured.unstructuredRemittance())
        .containsExactly("Atrium top-up RF35 H3ZC 8V5L YA2G S9EF merci");

    assertThat(entries.get(2).unstructuredRemittance())
        .containsExactly("Rechnung 4711 vom 20.11.2026");
    assertThat(entries.get(3).direction()).isEqualTo(StatementEntry.Direction.DEBIT);
    assertThat(entries.get(3).euroCents()).isEqualTo(25_000);

    StatementEntry dollars = entries.get(4);
    assertThat(dollars.currency()).isEqualTo("USD");
    assertThat(dollars.amount()).isEqualByComparingTo(new BigDecimal("100.00"));
    assertThat(dollars.euroCents()).isEqualTo(-1);

    assertThat(entries.get(5).booked()).isFalse();
  }

  @Test
  void version08Statement_readsNestedStatusPartyNameAndDateTime() throws IOException {
    List<StatementEntry> entries = parser.parse(resource("camt053-v08-statement.xml"));

    assertThat(entries).hasSize(2);
    StatementEntry credit = entries.get(0);
    assertThat(credit.booked()).isTrue();
    assertThat(credit.bankReference()).isEqualTo("2026112300009876");
    assertThat(credit.euroCents()).isEqualTo(2_050);
    assertThat(credit.bookingDate()).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(credit.debtorName()).isEqualTo("Ana García");
    assertThat(credit.creditorReferences()).containsExactly("RF35H3ZC8V5LYA2GS9EF");
    assertThat(entries.get(1).reversal()).isTrue();
  }

  @Test
  void externalEntity_isRefusedBeforeAnythingIsRead() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE Document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
        <Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><AcctSvcrRef>&secret;</AcctSvcrRef></Ntry>
        </Stmt></BkToCstmrStmt></Document>
        """;

    assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SepaError.InvalidStatement.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void billionLaughs_isRefused() {
    StringBuilder doctype = new StringBuilder("<!DOCTYPE Document [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      doctype
          .append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    doctype.append("]>");
    String bomb =
        "<?xml version=\"1.0\"?>"
            + doctype
            + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&lol9;</Document>";

    assertThatThrownBy(() -> parser.parse(bomb.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SepaError.InvalidStatement.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void oversizedInput_isRefusedWithoutParsing() {
    Camt053Parser small = new Camt053Parser(100, 10);
    byte[] big = ("<Document>" + " ".repeat(200) + "</Document>").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> small.parse(new java.io.ByteArrayInputStream(big)))
        .isInstanceOf(SepaError.StatementTooLarge.class)
        .hasMessageContaining("100 bytes");
  }

  @Test
  void moreEntriesThanTheLimit_areRefused() throws IOException {
    Camt053Parser fewEntries = new Camt053Parser(1_048_576, 3);

    assertThatThrownBy(() -> fewEntries.parse(resource("camt053-v02-statement.xml")))
        .isInstanceOf(SepaError.InvalidStatement.class)
        .hasMessageContaining("more than 3 entries");
  }

  @Test
  void otherDocuments_andBrokenXml_areRefusedWithAReason() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"/>"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SepaError.InvalidStatement.class)
        .hasMessageContaining("not a camt.053");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><Stmt>"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SepaError.InvalidStatement.class)
        .hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> parser.parse(new byte[0]))
        .isInstanceOf(SepaError.InvalidStatement.class);
    assertThatThrownBy(
            () ->
                parser.parse(
                    ("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
                            + "<BkToCstmrStmt><Stmt><Ntry><Amt Ccy=\"EUR\">ten</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry></Stmt>"
                            + "</BkToCstmrStmt></Document>")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SepaError.InvalidStatement.class);
  }

  @Test
  void deepNesting_isRefused() {
    String deep =
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
            + "<a>".repeat(100)
            + "</a>".repeat(100)
            + "</Document>";

    assertThatThrownBy(() -> parser.parse(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SepaError.InvalidStatement.class)
        .hasMessageContaining("deeper");
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Camt053ParserTest.class.getResourceAsStream("/wallet/sepa/" + name)) {
      return in.readAllBytes();
    }
  }
}
