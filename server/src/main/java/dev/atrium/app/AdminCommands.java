package dev.atrium.app;

import dev.atrium.identity.Account;
import dev.atrium.identity.RegistrationMode;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.wallet.ledger.LedgerCheck;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code atrium admin ...}: operator commands that work directly on the node's database (the same
 * data dir or PostgreSQL URL as the server), whether or not the server runs.
 */
@Command(
    name = "admin",
    description = "Operate a node: invites, registration mode, users, the wallet ledger.",
    subcommands = {
      AdminCommands.Invite.class,
      AdminCommands.RegistrationModeCommand.class,
      AdminCommands.ListUsers.class,
      AdminCommands.DisableUser.class,
      AdminCommands.EnableUser.class,
      AdminCommands.LedgerCheckCommand.class,
      SepaAdminCommands.ImportCamt053.class,
      SepaAdminCommands.ExportPain001.class,
      SepaAdminCommands.ListWithdrawals.class,
      SepaAdminCommands.WithdrawalPaid.class,
      SepaAdminCommands.WithdrawalFailed.class,
      MerchantAdminCommands.ListMerchants.class,
      MerchantAdminCommands.ApproveMerchant.class,
      MerchantAdminCommands.SuspendMerchant.class,
      MiniAppAdminCommands.ListMiniApps.class,
      MiniAppAdminCommands.ApproveMiniApp.class,
      MiniAppAdminCommands.RejectMiniApp.class,
      MiniAppAdminCommands.SuspendMiniApp.class,
      MiniAppAdminCommands.ResumeMiniApp.class,
      MiniAppAdminCommands.ListVersions.class,
      MiniAppAdminCommands.ApproveVersion.class,
      MiniAppAdminCommands.RejectVersion.class
    })
public final class AdminCommands implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Runs an admin action with the node's data, turning refusals into a message and exit code 1. */
  abstract static class AdminAction implements Callable<Integer> {
    @CommandLine.Mixin Main.ConfigOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    PrintWriter out;
    PrintWriter err;

    @Override
    public final Integer call() {
      out = spec.commandLine().getOut();
      err = spec.commandLine().getErr();
      try (AdminContext context = Wiring.admin(config.load(), Clock.systemUTC())) {
        return run(context);
      } catch (OperatingError e) {
        err.println("Refused: " + e.getMessage());
        return 1;
      } finally {
        out.flush();
        err.flush();
      }
    }

    abstract int run(AdminContext context);
  }

  @Command(name = "invite", description = "Create single-use invite codes (shown once).")
  static final class Invite extends AdminAction {
    @Option(
        names = {"-n", "--count"},
        defaultValue = "1",
        description = "How many codes (1-1000).")
    int count;

    @Option(names = "--valid-days", description = "Days until the codes expire (default: never).")
    Integer validDays;

    @Option(names = "--note", description = "A note stored with the codes, e.g. whom they are for.")
    String note;

    @Override
    int run(AdminContext context) {
      if (count < 1 || count > 1000) {
        err.println("--count must be between 1 and 1000");
        return 2;
      }
      if (validDays != null && (validDays < 1 || validDays > 3650)) {
        err.println("--valid-days must be between 1 and 3650");
        return 2;
      }
      Long validForMillis = validDays == null ? null : Duration.ofDays(validDays).toMillis();
      context.identity().createInvites(count, validForMillis, note).forEach(out::println);
      return 0;
    }
  }

  @Command(
      name = "registration-mode",
      description = "Show or set who may register: open, invite-only, closed.")
  static final class RegistrationModeCommand extends AdminAction {
    @Parameters(
        arity = "0..1",
        paramLabel = "MODE",
        description = "open, invite-only or closed; omit to show.")
    String mode;

    @Override
    int run(AdminContext context) {
      if (mode != null) {
        RegistrationMode parsed = RegistrationMode.parse(mode).orElse(null);
        if (parsed == null) {
          err.println("MODE must be open, invite-only or closed, not '" + mode + "'");
          return 2;
        }
        context.identity().setRegistrationMode(parsed);
      }
      out.println(context.identity().registrationMode().configName());
      return 0;
    }
  }

  @Command(name = "list-users", description = "List accounts by username.")
  static final class ListUsers extends AdminAction {
    @Option(names = "--after", description = "Start after this username (for paging).")
    String after;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (1-10000).")
    int limit;

    @Override
    int run(AdminContext context) {
      if (limit < 1 || limit > 10_000) {
        err.println("--limit must be between 1 and 10000");
        return 2;
      }
      List<Account> accounts = context.identity().listAccounts(after, limit);
      out.printf(
          "%-32s %-10s %-7s %-24s %s%n",
          "USERNAME", "STATUS", "DEVICES", "CREATED", "DISPLAY NAME");
      for (Account account : accounts) {
        out.printf(
            "%-32s %-10s %-7d %-24s %s%n",
            account.username(),
            account.status().name().toLowerCase(Locale.ROOT),
            account.deviceCount(),
            Instant.ofEpochMilli(account.createdAtMillis()),
            account.displayName());
      }
      return 0;
    }
  }

  @Command(name = "disable-user", description = "Disable an account and log out all its devices.")
  static final class DisableUser extends AdminAction {
    @Parameters(paramLabel = "USERNAME")
    String username;

    @Override
    int run(AdminContext context) {
      Account account = context.identity().setDisabled(username, true);
      out.println("Disabled " + account.username());
      return 0;
    }
  }

  @Command(name = "enable-user", description = "Re-enable a disabled account.")
  static final class EnableUser extends AdminAction {
    @Parameters(paramLabel = "USERNAME")
    String username;

    @Override
    int run(AdminContext context) {
      Account account = context.identity().setDisabled(username, false);
      out.println("Enabled " + account.username());
      return 0;
    }
  }

  @Command(
      name = "ledger-check",
      description =
          "Verify the wallet ledger: the journal sums to zero and every balance equals its postings.")
  static final class LedgerCheckCommand extends AdminAction {
    @Override
    int run(AdminContext context) {
      LedgerCheck check = context.wallet().ledger().check();
      if (check.isBalanced()) {
        out.printf(
            "Ledger balanced: %d postings, %d accounts, journal sums to 0.%n",
            check.postings(), check.accounts());
        return 0;
      }
      err.printf(
          "Ledger NOT balanced (%d postings, %d accounts):%n", check.postings(), check.accounts());
      check.problems().forEach(problem -> err.println("  " + problem));
      return 1;
    }
  }
}
