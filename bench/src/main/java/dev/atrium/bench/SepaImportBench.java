package dev.atrium.bench;

import dev.atrium.platform.db.Database;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerCheck;
import dev.atrium.wallet.ledger.LedgerSettings;
import dev.atrium.wallet.sepa.Iban;
import dev.atrium.wallet.sepa.ImportReport;
import dev.atrium.wallet.sepa.SepaService;
import dev.atrium.wallet.sepa.SepaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * camt.053 import: parses a generated statement of N top-up credits for N people, imports it (each
 * credit one durable ledger work), imports it again (every entry "credited before"), and checks the
 * ledger. In process, on SQLite or PostgreSQL.
 */
@Command(
    name = "sepa-import",
    mixinStandardHelpOptions = true,
    description = "camt.053 statement parse and import speed (in process; SQLite or PostgreSQL).")
final class SepaImportBench implements Callable<Integer> {
  @Option(
      names = "--database-url",
      defaultValue = "",
      description =
          "Empty: SQLite in a fresh temp dir; else postgresql://user@host:5432/db (a fresh schema is used).")
  String databaseUrl;

  @Option(
      names = "--entries",
      defaultValue = "2000",
      description = "Credit entries in the statement (1-100000).")
  int entries;

  @Override
  public Integer call() throws Exception {
    if (entries < 1 || entries > 100_000) {
      System.err.println("--entries 1-100000");
      return 2;
    }
    return BenchDatabase.with(
        databaseUrl,
        "sepa",
        (database, description) -> {
          System.out.println("sepa-import benchmark: " + description + ", " + entries + " entries");
          return run(database);
        });
  }

  private int run(Database database) {
    SepaSettings sepa =
        new SepaSettings(
            "Atrium Bench",
            Iban.parse("DE02120300000000202051", "iban"),
            null,
            1L << 30,
            100_000,
            null);
    try (Ledger ledger =
        new Ledger(
            database,
            Clock.systemUTC(),
            new LedgerSettings(100_000, 2000, 60_000),
            new SimpleMeterRegistry())) {
      SepaService service =
          SepaService.forStatementImports(database, ledger, sepa, Clock.systemUTC());
      StringBuilder xml =
          new StringBuilder(
              """
          <?xml version="1.0" encoding="UTF-8"?>
          <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>bench</Id>
          """);
      for (int i = 0; i < entries; i++) {
        String reference = service.topUpReferenceText("bench-user-" + i);
        xml.append("<Ntry><Amt Ccy=\"EUR\">")
            .append(1 + i % 100)
            .append(".00</Amt><CdtDbtInd>CRDT</CdtDbtInd>")
            .append("<Sts>BOOK</Sts><BookgDt><Dt>2026-11-23</Dt></BookgDt><AcctSvcrRef>BENCH")
            .append(i)
            .append("</AcctSvcrRef><NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>")
            .append(reference)
            .append("</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>\n");
      }
      byte[] statement =
          xml.append("</Stmt></BkToCstmrStmt></Document>\n")
              .toString()
              .getBytes(StandardCharsets.UTF_8);
      long firstStart = System.nanoTime();
      ImportReport first = service.importStatement(statement);
      double firstSeconds = (System.nanoTime() - firstStart) / 1e9;
      long secondStart = System.nanoTime();
      ImportReport second = service.importStatement(statement);
      double secondSeconds = (System.nanoTime() - secondStart) / 1e9;
      // Parsing is part of each import's time (the parser is the service's own).
      System.out.printf(
          Locale.ROOT, "  statement %,d bytes, %d entries%n", statement.length, entries);
      System.out.printf(
          Locale.ROOT,
          "  first import: %d credited in %.2f s (%,.0f entries/s)%n",
          first.credited().size(),
          firstSeconds,
          first.credited().size() / firstSeconds);
      System.out.printf(
          Locale.ROOT,
          "  second import: %d credited, %d credited before, in %.2f s (%,.0f entries/s)%n",
          second.credited().size(),
          second.alreadyImported().size(),
          secondSeconds,
          entries / secondSeconds);
      LedgerCheck check = ledger.check();
      long bank = ledger.balanceCents(AccountId.BANK);
      boolean ok =
          check.isBalanced()
              && first.credited().size() == entries
              && second.credited().isEmpty()
              && second.alreadyImported().size() == entries;
      System.out.printf(
          "  after: %s; bank account %,d cents; %s%n",
          check.isBalanced() ? "ledger-check balanced" : "LEDGER NOT BALANCED " + check.problems(),
          bank,
          ok ? "each entry credited once" : "MISMATCH");
      return ok ? 0 : 1;
    }
  }
}
