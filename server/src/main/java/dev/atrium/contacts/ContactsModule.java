package dev.atrium.contacts;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RateLimits;
import java.net.URI;
import java.time.Clock;

/**
 * Builds the contacts feature: its service (which other features ask whether two accounts are
 * contacts or blocked), its routes, and its part of account export and deletion.
 */
public record ContactsModule(ContactsService service, RouteModule routes, AccountDataProvider accountData) {

  /** {@code publicBaseUrl} is where people reach the server, for contact links; null for each request's origin. */
  public static ContactsModule create(Database database, IdentityService identity, RateLimits rateLimits,
      Clock clock, ContactsSettings settings, URI publicBaseUrl) {
    ContactsService service = new ContactsService(database, identity, rateLimits, clock, settings);
    return new ContactsModule(service, new ContactsRoutes(service, publicBaseUrl), AccountDataProvider.of("contacts", service::export, service::deleteAllOf));
  }
}
