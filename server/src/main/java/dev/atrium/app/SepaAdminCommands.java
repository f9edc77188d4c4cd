package dev.atrium.app;

import dev.atrium.wallet.sepa.ImportReport;
import dev.atrium.wallet.sepa.SepaModule;
import dev.atrium.wallet.sepa.SepaService;
import dev.atrium.wallet.sepa.SepaSettings;
import dev.atrium.wallet.sepa.Withdrawal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atrium admin} commands for SEPA: statement imports, payout files, payout outcomes. */
final class SepaAdminCommands {
  private SepaAdminCommands() {}

  /** The SEPA service on the admin context's database and ledger. */
  private static SepaService sepa(AdminContext context) {
    return SepaModule.create(context.features(), context.wallet()).service();
  }

  @Command(
      name = "import-camt053",
      description =
          "Credit the entries of a camt.053 bank statement that carry a user's top-up reference "
              + "(each bank entry once, however often the file is imported) and list the entries that matched nobody.")
  static final class ImportCamt053 extends AdminCommands.AdminAction {
    @Parameters(paramLabel = "FILE", description = "The camt.053 XML file.")
    Path file;

    @Override
    int run(AdminContext context) {
      byte[] statement;
      try (InputStream in = Files.newInputStream(file)) {
        // One byte over the cap is enough for the parser to refuse the file as too large.
        statement =
            in.readNBytes(
                (int)
                    Math.min(
                        Integer.MAX_VALUE - 8,
                        SepaSettings.read(context.features().config()).statementBytesMax() + 1));
      } catch (IOException e) {
        err.println("Cannot read " + file + ": " + e.getMessage());
        return 1;
      }
      ImportReport report = sepa(context).importStatement(statement);
      report
          .credited()
          .forEach(
              c ->
                  out.printf(
                      "credited  %s  %s  %s cents  posting %s%n",
                      c.bankReference(), c.accountId(), c.amountCents(), c.postingId()));
      report
          .alreadyImported()
          .forEach(
              c ->
                  out.printf(
                      "earlier   %s  %s  %s cents  (credited before)%n",
                      c.bankReference(), c.accountId(), c.amountCents()));
      report
          .unmatched()
          .forEach(
              u ->
                  out.printf(
                      "UNMATCHED %s  %s %s  %s  %s%n",
                      u.bankReference(), u.amount(), u.currency(), u.reason(), u.remittance()));
      out.printf(
          "%d credited, %d credited before, %d unmatched, %d debits skipped.%n",
          report.credited().size(),
          report.alreadyImported().size(),
          report.unmatched().size(),
          report.debitsSkipped());
      return 0;
    }
  }

  @Command(
      name = "export-pain001",
      description =
          "Write the pending withdrawals into a pain.001.001.09 credit-transfer file and mark them exported.")
  static final class ExportPain001 extends AdminCommands.AdminAction {
    @Option(
        names = {"-o", "--out"},
        description = "Where to write the file (default: <export id>.xml here).")
    Path outputFile;

    @Option(
        names = "--again",
        paramLabel = "EXPORT_ID",
        description =
            "Write an earlier file again, exactly as first written (when it was lost); exports nothing new.")
    String again;

    @Override
    int run(AdminContext context) {
      SepaService service = sepa(context);
      Optional<SepaService.Export> export =
          again != null ? Optional.of(service.earlierExport(again)) : service.exportPending();
      if (export.isEmpty()) {
        out.println("No pending withdrawals.");
        return 0;
      }
      Path target = outputFile != null ? outputFile : Path.of(export.get().exportId() + ".xml");
      try {
        Files.write(target, export.get().document());
      } catch (IOException e) {
        // The withdrawals are marked exported and the file is stored: say how to write it again.
        err.println(
            "Writing "
                + target
                + " failed ("
                + e.getMessage()
                + "); export "
                + export.get().exportId()
                + " with "
                + export.get().withdrawals().size()
                + " withdrawals is marked exported. Write it again with"
                + " export-pain001 --again "
                + export.get().exportId()
                + " --out FILE.");
        return 1;
      }
      export
          .get()
          .withdrawals()
          .forEach(
              w ->
                  out.printf(
                      "exported %s  %s cents  to %s%n", w.id(), w.amountCents(), w.creditorIban()));
      out.printf(
          "Wrote %s: %d withdrawals (export %s).%n",
          target, export.get().withdrawals().size(), export.get().exportId());
      return 0;
    }
  }

  @Command(
      name = "withdrawal-list",
      description =
          "List withdrawals and merchant payouts by status (PENDING by default), oldest first.")
  static final class ListWithdrawals extends AdminCommands.AdminAction {
    @Option(
        names = "--status",
        defaultValue = "PENDING",
        description = "PENDING, EXPORTED, PAID or FAILED.")
    Withdrawal.Status status;

    @Override
    int run(AdminContext context) {
      var withdrawals = sepa(context).withStatus(status);
      for (Withdrawal w : withdrawals) {
        out.printf(
            "%s  %s  %d cents  to %s  %s%n",
            w.id(),
            w.status(),
            w.amountCents(),
            w.creditorIban(),
            w.merchantId() == null ? "account " + w.accountId() : "merchant " + w.merchantId());
      }
      out.printf("%d %s.%n", withdrawals.size(), status);
      return 0;
    }
  }

  @Command(
      name = "withdrawal-paid",
      description = "Record that the bank paid an exported withdrawal.")
  static final class WithdrawalPaid extends AdminCommands.AdminAction {
    @Parameters(paramLabel = "ID", description = "The withdrawal id (wd_...).")
    String id;

    @Override
    int run(AdminContext context) {
      Withdrawal withdrawal = sepa(context).markPaid(id);
      out.printf("%s is %s.%n", withdrawal.id(), withdrawal.status());
      return 0;
    }
  }

  @Command(
      name = "withdrawal-failed",
      description =
          "Record that a withdrawal failed; the user (or, for a merchant payout, the merchant account) is refunded.")
  static final class WithdrawalFailed extends AdminCommands.AdminAction {
    @Parameters(paramLabel = "ID", description = "The withdrawal id (wd_...).")
    String id;

    @Override
    int run(AdminContext context) {
      Withdrawal withdrawal = sepa(context).markFailed(id);
      out.printf(
          "%s is %s; %d cents refunded.%n",
          withdrawal.id(), withdrawal.status(), withdrawal.amountCents());
      return 0;
    }
  }
}
