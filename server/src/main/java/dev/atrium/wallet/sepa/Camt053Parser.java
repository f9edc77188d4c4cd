package dev.atrium.wallet.sepa;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the entries of an ISO 20022 camt.053 bank statement (BankToCustomerStatement, any version
 * camt.053.001.02 to .13; the element names we use are the same in all of them).
 *
 * <p>Statements come from outside, so the reader is defensive: the input is capped in bytes, a
 * DOCTYPE is refused outright (no DTD, so no external entities and no entity expansion bombs),
 * elements may nest only so deep, text nodes and the entry count are bounded. Every refusal is a
 * {@link SepaError} with a reason. Thread-safe: each call uses its own reader.
 */
final class Camt053Parser {
  private static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";

  /** camt.053 nests about 15 deep; a much deeper document is not a statement. */
  private static final int DEPTH_MAX = 40;

  /** Longest text we keep from one element; the longest camt.053 text type is Max500Text. */
  private static final int TEXT_LENGTH_MAX = 2_048;

  private static final XMLInputFactory FACTORY = secureFactory();

  private final long bytesMax;
  private final int entriesMax;

  public Camt053Parser(long bytesMax, int entriesMax) {
    this.bytesMax = bytesMax;
    this.entriesMax = entriesMax;
  }

  /** Reads at most {@code bytesMax} bytes; more is refused before any parsing. */
  public List<StatementEntry> parse(InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, bytesMax + 1));
    } catch (IOException e) {
      throw new SepaError.InvalidStatement("it could not be read (" + e.getMessage() + ").");
    }
    if (bytes.length > bytesMax) {
      throw new SepaError.StatementTooLarge(bytesMax);
    }
    return parse(bytes);
  }

  public List<StatementEntry> parse(byte[] bytes) {
    if (bytes.length > bytesMax) {
      throw new SepaError.StatementTooLarge(bytesMax);
    }
    XMLStreamReader reader = null;
    try {
      reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
      return new Reading(reader).entries();
    } catch (XMLStreamException | IllegalArgumentException | DateTimeParseException e) {
      throw new SepaError.InvalidStatement(
          "it is not well-formed camt.053 XML (" + firstLine(e.getMessage()) + ").");
    } finally {
      close(reader);
    }
  }

  /**
   * One pass over one document; holds the element path, the text of the current element and the
   * entry being read. Text is collected from character events and handed over at the end tag, so an
   * element with children (Sts/Cd in newer versions) never trips the reader.
   */
  private final class Reading {
    private final XMLStreamReader reader;
    private final Deque<String> path = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private final List<StatementEntry> entries = new ArrayList<>();
    private String statementId;
    private String accountIban;
    private EntryDraft entry;

    Reading(XMLStreamReader reader) {
      this.reader = reader;
    }

    List<StatementEntry> entries() throws XMLStreamException {
      boolean sawRoot = false;
      while (reader.hasNext()) {
        int event = reader.next();
        switch (event) {
          case XMLStreamConstants.DTD,
              XMLStreamConstants.ENTITY_REFERENCE,
              XMLStreamConstants.ENTITY_DECLARATION ->
              throw new SepaError.InvalidStatement(
                  "documents with a DOCTYPE or entities are refused (no DTDs, no external entities).");
          case XMLStreamConstants.START_ELEMENT -> {
            if (!sawRoot) {
              requireCamt053Root();
              sawRoot = true;
            }
            start();
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> appendText();
          case XMLStreamConstants.END_ELEMENT -> end();
          default -> {}
        }
      }
      if (!sawRoot) {
        throw new SepaError.InvalidStatement("the document is empty.");
      }
      return entries;
    }

    private void requireCamt053Root() {
      String namespace = reader.getNamespaceURI();
      if (!"Document".equals(reader.getLocalName())
          || namespace == null
          || !namespace.startsWith(NAMESPACE_PREFIX)) {
        throw new SepaError.InvalidStatement(
            "the root is not a camt.053 Document (namespace " + NAMESPACE_PREFIX + "NN).");
      }
    }

    private void start() {
      String name = reader.getLocalName();
      path.push(name);
      text.setLength(0);
      if (path.size() > DEPTH_MAX) {
        throw new SepaError.InvalidStatement("elements nest deeper than " + DEPTH_MAX + ".");
      }
      if (name.equals("Stmt")) {
        statementId = null;
        accountIban = null;
      } else if (name.equals("Ntry") && parentIs("Stmt")) {
        if (entries.size() >= entriesMax) {
          throw new SepaError.InvalidStatement(
              "it has more than " + entriesMax + " entries; split it.");
        }
        entry = new EntryDraft();
      } else if (entry != null && name.equals("Amt") && parentIs("Ntry")) {
        entry.currency = reader.getAttributeValue(null, "Ccy");
      } else if (entry != null && name.equals("TxDtls")) {
        entry.transactionCount++;
      }
    }

    private void appendText() {
      if (text.length() + reader.getTextLength() > TEXT_LENGTH_MAX) {
        throw new SepaError.InvalidStatement(
            "an element's text exceeds " + TEXT_LENGTH_MAX + " characters.");
      }
      text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
    }

    private void end() {
      String at = String.join("/", path.reversed());
      String value = text.toString().strip();
      text.setLength(0);
      String name = path.pop();
      if (value.isEmpty() && !name.equals("Ntry")) {
        return; // a container's whitespace, or an empty element: nothing to keep
      }
      if (entry == null) {
        if (at.endsWith("/Stmt/Id")) {
          statementId = value;
        } else if (at.endsWith("/Stmt/Acct/Id/IBAN")) {
          accountIban = value;
        }
        return;
      }
      if (name.equals("Ntry") && path.peek() != null && path.peek().equals("Stmt")) {
        entries.add(entry.build(statementId, accountIban));
        entry = null;
        return;
      }
      entry.read(at.substring(at.lastIndexOf("/Ntry/") + 1), value);
    }

    private boolean parentIs(String name) {
      var iterator = path.iterator();
      iterator.next();
      return iterator.hasNext() && iterator.next().equals(name);
    }
  }

  /** The fields of one entry as they are read; paths are relative to the entry ("Ntry/..."). */
  private static final class EntryDraft {
    String entryReference;
    String servicerReference;
    String transactionServicerReference;
    BigDecimal amount;
    String currency;
    String creditDebit;
    boolean reversal;
    String status;
    LocalDate bookingDate;
    final List<String> creditorReferences = new ArrayList<>();
    final List<String> unstructured = new ArrayList<>();
    String debtorName;
    int transactionCount;

    void read(String at, String text) {
      switch (at) {
        case "Ntry/NtryRef" -> entryReference = text;
        case "Ntry/Amt" -> amount = new BigDecimal(text);
        case "Ntry/AcctSvcrRef" -> servicerReference = text;
        case "Ntry/CdtDbtInd" -> creditDebit = text;
        case "Ntry/RvslInd" -> reversal = Boolean.parseBoolean(text);
        case "Ntry/Sts", "Ntry/Sts/Cd" -> status = text;
        case "Ntry/BookgDt/Dt" -> bookingDate = LocalDate.parse(text);
        case "Ntry/BookgDt/DtTm" ->
            bookingDate = LocalDate.parse(text.substring(0, Math.min(10, text.length())));
        case "Ntry/NtryDtls/TxDtls/Refs/AcctSvcrRef" -> transactionServicerReference = text;
        case "Ntry/NtryDtls/TxDtls/RmtInf/Ustrd" -> unstructured.add(text);
        case "Ntry/NtryDtls/TxDtls/RmtInf/Strd/CdtrRefInf/Ref" -> creditorReferences.add(text);
        case "Ntry/NtryDtls/TxDtls/RltdPties/Dbtr/Nm",
            "Ntry/NtryDtls/TxDtls/RltdPties/Dbtr/Pty/Nm" ->
            debtorName = text;
        default -> {}
      }
    }

    StatementEntry build(String statementId, String accountIban) {
      if (amount == null || currency == null || amount.signum() < 0) {
        throw new SepaError.InvalidStatement("an entry has no amount with a currency.");
      }
      if (!"CRDT".equals(creditDebit) && !"DBIT".equals(creditDebit)) {
        throw new SepaError.InvalidStatement("an entry's CdtDbtInd is neither CRDT nor DBIT.");
      }
      return new StatementEntry(
          statementId,
          accountIban,
          bankReference(),
          amount,
          currency,
          "CRDT".equals(creditDebit)
              ? StatementEntry.Direction.CREDIT
              : StatementEntry.Direction.DEBIT,
          "BOOK".equals(status),
          reversal,
          bookingDate,
          creditorReferences,
          unstructured,
          debtorName,
          transactionCount);
    }

    private String bankReference() {
      if (servicerReference != null && !servicerReference.isEmpty()) {
        return servicerReference;
      }
      if (entryReference != null && !entryReference.isEmpty()) {
        return entryReference;
      }
      return transactionCount <= 1 ? transactionServicerReference : null;
    }
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // The five predefined entities (&amp; ...) still work; no other entity can be declared.
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    String line = message.lines().reduce((first, second) -> second).orElse(message).strip();
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  private static void close(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // Nothing is left to release: the input is an in-memory array.
      }
    }
  }
}
