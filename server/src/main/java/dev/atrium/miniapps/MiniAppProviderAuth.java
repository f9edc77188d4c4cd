package dev.atrium.miniapps;

import io.javalin.http.Context;

/**
 * How a mini-program's own server authenticates on {@code /api/v1/provider/...}: {@code
 * Authorization: Bearer <appId>.<secret>}. Routes of later features (login codes, payments,
 * webhooks) call {@link #require(Context)} first and act for the app it returns. Thread-safe.
 */
public final class MiniAppProviderAuth {
  private static final int HEADER_CHARS_MAX = 512;
  private final MiniAppService service;

  public MiniAppProviderAuth(MiniAppService service) {
    this.service = service;
  }

  /**
   * The approved app whose credentials the request carries: 401 {@code
   * miniapp_credentials_required} when they are missing, malformed or wrong, 403 {@code
   * miniapp_not_approved} when they are right but the app is pending, rejected or suspended.
   */
  public MiniApp require(Context ctx) {
    return fromHeader(ctx.header("Authorization"));
  }

  /** The same check on the header's value, for callers that are not Javalin routes. */
  public MiniApp fromHeader(String header) {
    if (header == null
        || header.length() > HEADER_CHARS_MAX
        || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new MiniAppError.CredentialsRequired();
    }
    String credentials = header.substring(7).trim();
    int dot = credentials.indexOf('.');
    if (dot <= 0) {
      throw new MiniAppError.CredentialsRequired();
    }
    return service.authenticate(credentials.substring(0, dot), credentials.substring(dot + 1));
  }
}
