package dev.atrium.miniapps;

import java.util.List;

/**
 * The fields a provider sets when registering or editing a mini-program, as the service validates
 * them; any of them null in an edit means "unchanged".
 *
 * @param scopes the scopes asked for, each with the reason users are shown
 */
record MiniAppListing(
    String name,
    String icon,
    String category,
    String description,
    List<String> languages,
    List<String> domains,
    List<ScopeReason> scopes,
    String webhookUrl) {

  /** One requested scope as sent: its wire name and reason, both still unchecked. */
  record ScopeReason(String scope, String reason) {}
}
