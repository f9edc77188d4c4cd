package dev.atrium.miniapps;

import dev.atrium.delivery.LiveEvents;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds mini-program notifications over the registry: templates, one-time opt-ins, sending from
 * the provider's server, and the system chat "Mini-program notifications".
 *
 * @param users who an app's openId is (the login part of mini-programs answers it)
 */
public record MiniAppNoticesModule(
    MiniAppNoticeService service,
    MiniAppUserLookup users,
    RouteModule routes,
    List<AccountDataProvider> accountData)
    implements Feature {

  /**
   * Notices for the registry's apps; {@code targets} gives the account's language and wakes its
   * closed apps, {@code live} pushes to its connected devices.
   */
  public static MiniAppNoticesModule create(
      FeatureContext context,
      MiniAppsModule registry,
      MiniAppUserLookup users,
      MiniAppNoticeTargets targets,
      LiveEvents live) {
    MiniAppNoticeService service =
        new MiniAppNoticeService(
            context.database(),
            context.clock(),
            context.rateLimits(),
            registry.service(),
            users,
            targets,
            live);
    return new MiniAppNoticesModule(
        service,
        users,
        new MiniAppNoticeRoutes(service, targets, registry.providerAuth()),
        List.of(
            AccountDataProvider.of("miniappNotices", service::export, service::onAccountDeleted)));
  }
}
