package dev.atrium.platform.http;

import io.javalin.http.Context;
import java.net.URI;

/**
 * Links people share or scan (contact links, device links), built on the server's public address.
 */
public final class PublicUrls {
  private PublicUrls() {}

  /**
   * {@code path} on the configured public address when there is one; else on the origin the client
   * used, which is right when clients reach the server directly (behind a proxy, configure the
   * address).
   */
  public static String of(Context ctx, URI publicBaseUrl, String path) {
    if (publicBaseUrl != null) {
      return publicBaseUrl + path;
    }
    String host =
        ctx.host() != null
            ? ctx.host()
            : ctx.req().getServerName() + ":" + ctx.req().getServerPort();
    return ctx.scheme() + "://" + host + path;
  }
}
