package dev.atrium.app;

import dev.atrium.wallet.merchants.Merchant;
import dev.atrium.wallet.merchants.MerchantModule;
import dev.atrium.wallet.merchants.MerchantService;
import dev.atrium.wallet.sepa.SepaModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atrium admin} commands for merchants: list applications, approve, suspend. */
final class MerchantAdminCommands {
  private MerchantAdminCommands() {}

  private static MerchantService merchants(AdminContext context) {
    return MerchantModule.create(
            context.features(),
            context.wallet(),
            SepaModule.create(context.features(), context.wallet()))
        .service();
  }

  @Command(
      name = "merchant-list",
      description = "List merchants by status (PENDING by default), oldest first.")
  static final class ListMerchants extends AdminCommands.AdminAction {
    @Option(
        names = "--status",
        defaultValue = "PENDING",
        description = "PENDING, APPROVED or SUSPENDED.")
    Merchant.Status status;

    @Override
    int run(AdminContext context) {
      for (Merchant merchant : merchants(context).merchantsWithStatus(status)) {
        out.printf(
            "%s  %s  %s  MCC %s  owner %s%n",
            merchant.id(),
            merchant.name(),
            merchant.city(),
            merchant.categoryCode(),
            merchant.ownerAccountId());
      }
      return 0;
    }
  }

  @Command(
      name = "merchant-approve",
      description = "Approve a merchant: it can then create keys and codes and take payments.")
  static final class ApproveMerchant extends AdminCommands.AdminAction {
    @Parameters(paramLabel = "ID", description = "The merchant id (m_...).")
    String id;

    @Override
    int run(AdminContext context) {
      out.printf(
          "%s is %s.%n", id, merchants(context).decide(id, Merchant.Status.APPROVED).status());
      return 0;
    }
  }

  @Command(
      name = "merchant-suspend",
      description = "Suspend a merchant: its keys and codes stop working.")
  static final class SuspendMerchant extends AdminCommands.AdminAction {
    @Parameters(paramLabel = "ID", description = "The merchant id (m_...).")
    String id;

    @Override
    int run(AdminContext context) {
      out.printf(
          "%s is %s.%n", id, merchants(context).decide(id, Merchant.Status.SUSPENDED).status());
      return 0;
    }
  }
}
