package dev.atrium.wallet.sepa;

import dev.atrium.wallet.LatinText;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an ISO 20022 pain.001.001.09 CustomerCreditTransferInitiation: one payment information
 * block (SEPA service level, shared charges) debiting the operator's payout account, with one
 * transaction per withdrawal. Text is transliterated to the SEPA basic Latin character set that
 * every bank accepts. Pure; thread-safe.
 */
final class Pain001Writer {
  public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /** The operator's side of the file: who pays, from which account, through which bank. */
  public record Debtor(String name, Iban iban, Bic bic) {}

  /**
   * Writes one pain.001.001.09 credit-transfer file for these transfers.
   *
   * @param messageId unique per file (GrpHdr/MsgId), at most 35 characters
   * @param executionDate the day the bank should execute the transfers
   */
  public byte[] write(
      String messageId,
      Instant createdAt,
      LocalDate executionDate,
      Debtor debtor,
      List<CreditTransfer> transfers) {
    if (transfers.isEmpty()) {
      throw new IllegalArgumentException("A pain.001 file needs at least one transfer");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.setDefaultNamespace(NAMESPACE);
      xml.writeStartElement(NAMESPACE, "Document");
      xml.writeDefaultNamespace(NAMESPACE);
      xml.writeStartElement("CstmrCdtTrfInitn");
      groupHeader(xml, messageId, createdAt, debtor, transfers);
      paymentInformation(xml, messageId, executionDate, debtor, transfers);
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Writing XML to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void groupHeader(
      XMLStreamWriter xml,
      String messageId,
      Instant createdAt,
      Debtor debtor,
      List<CreditTransfer> transfers)
      throws XMLStreamException {
    xml.writeStartElement("GrpHdr");
    leaf(xml, "MsgId", sepaText(messageId, 35));
    leaf(
        xml,
        "CreDtTm",
        DATE_TIME.format(createdAt.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
    leaf(xml, "NbOfTxs", Integer.toString(transfers.size()));
    leaf(xml, "CtrlSum", EpcQrCode.euros(sum(transfers)));
    xml.writeStartElement("InitgPty");
    leaf(xml, "Nm", sepaText(debtor.name(), 70));
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static void paymentInformation(
      XMLStreamWriter xml,
      String messageId,
      LocalDate executionDate,
      Debtor debtor,
      List<CreditTransfer> transfers)
      throws XMLStreamException {
    xml.writeStartElement("PmtInf");
    leaf(xml, "PmtInfId", sepaText(messageId, 35));
    leaf(xml, "PmtMtd", "TRF");
    leaf(xml, "NbOfTxs", Integer.toString(transfers.size()));
    leaf(xml, "CtrlSum", EpcQrCode.euros(sum(transfers)));
    xml.writeStartElement("PmtTpInf");
    xml.writeStartElement("SvcLvl");
    leaf(xml, "Cd", "SEPA");
    xml.writeEndElement();
    xml.writeEndElement();
    xml.writeStartElement("ReqdExctnDt");
    leaf(xml, "Dt", executionDate.toString());
    xml.writeEndElement();
    party(xml, "Dbtr", debtor.name());
    account(xml, "DbtrAcct", debtor.iban());
    xml.writeStartElement("DbtrAgt");
    xml.writeStartElement("FinInstnId");
    if (debtor.bic() != null) {
      leaf(xml, "BICFI", debtor.bic().value());
    } else {
      // SEPA rulebook: without a BIC the agent is given as "NOTPROVIDED".
      xml.writeStartElement("Othr");
      leaf(xml, "Id", "NOTPROVIDED");
      xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndElement();
    leaf(xml, "ChrgBr", "SLEV");
    for (CreditTransfer transfer : transfers) {
      transaction(xml, transfer);
    }
    xml.writeEndElement();
  }

  private static void transaction(XMLStreamWriter xml, CreditTransfer transfer)
      throws XMLStreamException {
    xml.writeStartElement("CdtTrfTxInf");
    xml.writeStartElement("PmtId");
    leaf(xml, "EndToEndId", transfer.endToEndId());
    xml.writeEndElement();
    xml.writeStartElement("Amt");
    xml.writeStartElement("InstdAmt");
    xml.writeAttribute("Ccy", "EUR");
    xml.writeCharacters(EpcQrCode.euros(transfer.amountCents()));
    xml.writeEndElement();
    xml.writeEndElement();
    party(xml, "Cdtr", transfer.creditorName());
    account(xml, "CdtrAcct", transfer.creditorIban());
    if (transfer.remittance() != null && !transfer.remittance().isBlank()) {
      xml.writeStartElement("RmtInf");
      leaf(xml, "Ustrd", sepaText(transfer.remittance(), 140));
      xml.writeEndElement();
    }
    xml.writeEndElement();
  }

  private static void party(XMLStreamWriter xml, String element, String name)
      throws XMLStreamException {
    xml.writeStartElement(element);
    leaf(xml, "Nm", sepaText(name, 70));
    xml.writeEndElement();
  }

  private static void account(XMLStreamWriter xml, String element, Iban iban)
      throws XMLStreamException {
    xml.writeStartElement(element);
    xml.writeStartElement("Id");
    leaf(xml, "IBAN", iban.value());
    xml.writeEndElement();
    xml.writeEndElement();
  }

  private static void leaf(XMLStreamWriter xml, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  private static long sum(List<CreditTransfer> transfers) {
    long cents = 0;
    for (CreditTransfer transfer : transfers) {
      cents = Math.addExact(cents, transfer.amountCents());
    }
    return cents;
  }

  /**
   * The text in the SEPA basic Latin set (letters, digits, space and / - ? : ( ) . , ' +),
   * transliterated by EPC217-08's rules ({@link LatinText}: "Müller" becomes "Muller", "Straße"
   * "Strasse", "Łukasz" "Lukasz"), other characters replaced by a space, trimmed and cut to {@code
   * lengthMax}; "NOTPROVIDED" when nothing is left (names are checked for Latin letters when they
   * are entered, so this is only a guard).
   */
  static String sepaText(String text, int lengthMax) {
    String plain = LatinText.transliterate(text == null ? "" : text);
    StringBuilder out = new StringBuilder(plain.length());
    plain.codePoints().forEach(c -> out.append(isSepaCharacter(c) ? (char) c : ' '));
    String cleaned = out.toString().strip().replaceAll(" {2,}", " ");
    if (cleaned.isEmpty()) {
      return "NOTPROVIDED";
    }
    return cleaned.length() > lengthMax ? cleaned.substring(0, lengthMax).strip() : cleaned;
  }

  private static boolean isSepaCharacter(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "/-?:().,'+ ".indexOf(c) >= 0;
  }
}
