package dev.atrium.app;

import dev.atrium.miniapps.MiniApp;
import dev.atrium.miniapps.MiniAppService;
import dev.atrium.miniapps.MiniAppSettings;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atrium admin} commands for mini-programs: list by status, approve, reject, suspend. */
final class MiniAppAdminCommands {
  private MiniAppAdminCommands() {}

  private static MiniAppService miniApps(AdminContext context) {
    return new MiniAppService(
        context.features().database(),
        MiniAppSettings.read(context.features().config()),
        context.features().clock());
  }

  @Command(
      name = "miniapp-list",
      description = "List mini-programs by status (pending_review by default), oldest first.")
  static final class ListMiniApps extends AdminCommands.AdminAction {
    @Option(
        names = "--status",
        defaultValue = "pending_review",
        description = "pending_review, approved, rejected or suspended.")
    String status;

    @Override
    int run(AdminContext context) {
      MiniApp.Status parsed = MiniApp.Status.fromWire(status);
      if (parsed == null) {
        err.println("--status is one of pending_review, approved, rejected, suspended.");
        return 2;
      }
      for (MiniApp app : miniApps(context).appsWithStatus(parsed)) {
        out.printf(
            "%s  %s  %s  %s  owner %s%n",
            app.appId(),
            app.status().wire(),
            app.name(),
            app.category().wire(),
            app.ownerAccountId());
      }
      return 0;
    }
  }

  @Command(
      name = "miniapp-approve",
      description = "Approve a mini-program: it is listed and its server may call the API.")
  static final class ApproveMiniApp extends AdminCommands.AdminAction {
    @Parameters(paramLabel = "APP_ID", description = "The app id (ma...).")
    String appId;

    @Override
    int run(AdminContext context) {
      return print(out, miniApps(context).approve(appId));
    }
  }

  @Command(name = "miniapp-reject", description = "Reject a mini-program under review.")
  static final class RejectMiniApp extends AdminCommands.AdminAction {
    @Parameters(index = "0", paramLabel = "APP_ID", description = "The app id (ma...).")
    String appId;

    @Parameters(index = "1", paramLabel = "REASON", description = "Why, shown to the provider.")
    String reason;

    @Override
    int run(AdminContext context) {
      return print(out, miniApps(context).reject(appId, reason));
    }
  }

  @Command(
      name = "miniapp-suspend",
      description = "Suspend an approved mini-program at once: unlisted, its server refused.")
  static final class SuspendMiniApp extends AdminCommands.AdminAction {
    @Parameters(index = "0", paramLabel = "APP_ID", description = "The app id (ma...).")
    String appId;

    @Parameters(index = "1", paramLabel = "REASON", description = "Why, shown to the provider.")
    String reason;

    @Override
    int run(AdminContext context) {
      return print(out, miniApps(context).suspend(appId, reason));
    }
  }

  @Command(name = "miniapp-resume", description = "Resume a suspended mini-program.")
  static final class ResumeMiniApp extends AdminCommands.AdminAction {
    @Parameters(paramLabel = "APP_ID", description = "The app id (ma...).")
    String appId;

    @Override
    int run(AdminContext context) {
      return print(out, miniApps(context).resume(appId));
    }
  }

  private static int print(PrintWriter out, MiniApp app) {
    out.printf("%s is %s.%n", app.appId(), app.status().wire());
    return 0;
  }
}
