package dev.atrium.app;

import dev.atrium.miniapps.MiniApp;
import dev.atrium.miniapps.MiniAppBundleSettings;
import dev.atrium.miniapps.MiniAppService;
import dev.atrium.miniapps.MiniAppSettings;
import dev.atrium.miniapps.MiniAppVersion;
import dev.atrium.miniapps.MiniAppVersionService;
import dev.atrium.miniapps.MiniAppsModule;
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

  private static MiniAppVersionService versions(AdminContext context) {
    return new MiniAppVersionService(
        context.features().database(),
        miniApps(context),
        context.features().dataDir().resolve(MiniAppsModule.BUNDLE_DIRECTORY),
        MiniAppBundleSettings.read(context.features().config()),
        context.features().clock());
  }

  @Command(
      name = "miniapp-versions",
      description =
          "List bundle versions: those in review across all apps, or every version of one app.")
  static final class ListVersions extends AdminCommands.AdminAction {
    @Option(names = "--app", description = "Only this app's versions (ma...), newest first.")
    String appId;

    @Override
    int run(AdminContext context) {
      MiniAppVersionService versions = versions(context);
      for (MiniAppVersion version :
          appId == null ? versions.inReview() : versions.versionsOf(appId)) {
        out.printf(
            "%s  %d  %s  %s  %d bytes%n",
            version.appId(),
            version.code(),
            version.name(),
            version.status().wire(),
            version.bundleBytes());
      }
      return 0;
    }
  }

  @Command(
      name = "miniapp-approve-version",
      description = "Approve a version in review; its provider may then release it.")
  static final class ApproveVersion extends AdminCommands.AdminAction {
    @Parameters(index = "0", paramLabel = "APP_ID", description = "The app id (ma...).")
    String appId;

    @Parameters(index = "1", paramLabel = "CODE", description = "The version code.")
    int code;

    @Override
    int run(AdminContext context) {
      return print(out, versions(context).approve(appId, code));
    }
  }

  @Command(name = "miniapp-reject-version", description = "Reject a version in review.")
  static final class RejectVersion extends AdminCommands.AdminAction {
    @Parameters(index = "0", paramLabel = "APP_ID", description = "The app id (ma...).")
    String appId;

    @Parameters(index = "1", paramLabel = "CODE", description = "The version code.")
    int code;

    @Parameters(index = "2", paramLabel = "REASON", description = "Why, shown to the provider.")
    String reason;

    @Override
    int run(AdminContext context) {
      return print(out, versions(context).reject(appId, code, reason));
    }
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

  private static int print(PrintWriter out, MiniAppVersion version) {
    out.printf("%s version %d is %s.%n", version.appId(), version.code(), version.status().wire());
    return 0;
  }

  private static int print(PrintWriter out, MiniApp app) {
    out.printf("%s is %s.%n", app.appId(), app.status().wire());
    return 0;
  }
}
