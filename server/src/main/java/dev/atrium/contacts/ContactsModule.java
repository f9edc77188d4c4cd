package dev.atrium.contacts;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds the contacts feature: its service (which other features ask whether two accounts are
 * contacts or blocked), its routes, and its part of account export and deletion.
 */
public record ContactsModule(
    ContactsService service, RouteModule routes, List<AccountDataProvider> accountData)
    implements Feature {

  /**
   * Contact links point at the context's public base URL, or at each request's origin when it is
   * unset.
   */
  public static ContactsModule create(FeatureContext context, IdentityService identity) {
    ContactsService service =
        new ContactsService(
            context.database(),
            identity,
            context.rateLimits(),
            context.clock(),
            ContactsSettings.read(context.config()));
    return new ContactsModule(
        service,
        new ContactsRoutes(service, context.publicBaseUrl()),
        List.of(AccountDataProvider.of("contacts", service::export, service::deleteAllOf)));
  }
}
