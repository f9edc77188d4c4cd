package dev.atrium.platform.http;

import io.javalin.http.Context;

/** The address a request came from, as rate limits must see it. */
public final class ClientAddress {
  private static final String ATTRIBUTE = "atrium.trustForwardedFor";

  private ClientAddress() {}

  public static String of(Context ctx) {
    Boolean trust = ctx.attribute(ATTRIBUTE);
    if (Boolean.TRUE.equals(trust)) {
      String forwarded = ctx.header("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String first = forwarded.split(",", 2)[0].trim();
        if (!first.isEmpty() && first.length() <= 64) {
          return first;
        }
      }
    }
    return ctx.ip();
  }

  static void configure(Context ctx, boolean trustForwardedFor) {
    ctx.attribute(ATTRIBUTE, trustForwardedFor);
  }
}
