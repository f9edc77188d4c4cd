package dev.atrium.miniapps;

import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves each mini-program from an origin of its own ({@code http://<appId>.apps.localhost:8080}):
 * a request whose Host names an app origin gets only the files of that app's live version (and the
 * bridge SDK), never the API, the web client or a cookie, so a bundle cannot read the host's
 * storage or tokens (the browser's same-origin policy keeps them apart). Registered before every
 * other handler; the app's status is read on every request, so a suspension takes it offline at
 * once.
 */
final class MiniAppOriginRouter implements RouteModule {
  static final String BRIDGE_PATH = "/__atrium/bridge.js";
  static final String BRIDGE_RESOURCE = "public/miniapp-bridge.js";
  private static final int PATH_CHARS_MAX = 1_024;

  private final MiniAppVersionService versions;
  private final MiniAppOrigins origins;
  private final URI publicBaseUrl;
  private final Optional<byte[]> bridge;

  MiniAppOriginRouter(MiniAppVersionService versions, MiniAppOrigins origins, URI publicBaseUrl) {
    this.versions = versions;
    this.origins = origins;
    this.publicBaseUrl = publicBaseUrl;
    this.bridge = readBridge();
  }

  @Override
  public void register(Api api) {
    api.beforeEverything(this::route);
  }

  private void route(Context ctx) throws IOException {
    Optional<String> appId = origins.appIdOf(ctx.host());
    if (appId.isEmpty()) {
      return;
    }
    ctx.skipRemainingHandlers();
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Content-Type-Options", "nosniff");
    String method = ctx.method().name();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw RequestError.methodNotAllowed(method);
    }
    MiniApp app =
        Optional.of(appId.get())
            .filter(MiniAppService::looksLikeAppId)
            .flatMap(versions::servedApp)
            .orElseThrow(RequestError::notFound);
    String path = decodedPath(ctx.path());
    if (path.equals(BRIDGE_PATH)) {
      byte[] script = bridge.orElseThrow(RequestError::notFound);
      send(ctx, app, "text/javascript;charset=utf-8", MiniAppBundleFiles.sha256Hex(script), script);
      return;
    }
    String relative = path.substring(1);
    if (relative.isEmpty() || relative.endsWith("/")) {
      relative += MiniAppBundleReader.INDEX;
    }
    if (!MiniAppBundleReader.isSafePath(relative)) {
      throw RequestError.notFound();
    }
    MiniAppVersion.File file =
        versions.servedFile(app.appId(), relative).orElseThrow(RequestError::notFound);
    byte[] content;
    try (InputStream in = versions.open(file)) {
      content = in.readAllBytes();
    }
    send(ctx, app, file.contentType(), file.sha256Hex(), content);
  }

  /**
   * Every answer is revalidated ({@code no-cache}) against a strong ETag, the content's hash: a
   * release or a rollback shows on the next load, and an unchanged file costs a 304.
   */
  private void send(Context ctx, MiniApp app, String contentType, String sha256, byte[] content) {
    String etag = "\"" + sha256 + "\"";
    ctx.header("Content-Security-Policy", contentSecurityPolicy(app, ctx));
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", etag);
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(contentType).result(content);
  }

  /**
   * The policy of every file of an app origin (see "Mini-programs" in docs/ARCHITECTURE.md for why
   * each directive): only the bundle's own scripts, network access to the declared domains alone,
   * and framing by the host alone.
   */
  String contentSecurityPolicy(MiniApp app, Context ctx) {
    String connect = app.domains().isEmpty() ? "'none'" : String.join(" ", app.domains());
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; connect-src "
        + connect
        + "; frame-ancestors "
        + hostOrigin(ctx)
        + "; base-uri 'none'; form-action 'self'; object-src 'none'";
  }

  /**
   * The host's own origin: the configured public address, else this server's port on localhost
   * (both spellings), which is where {@code ./atrium run} is opened.
   */
  private String hostOrigin(Context ctx) {
    if (publicBaseUrl != null) {
      return publicBaseUrl.getScheme()
          + "://"
          + publicBaseUrl.getHost()
          + (publicBaseUrl.getPort() < 0 ? "" : ":" + publicBaseUrl.getPort());
    }
    int port = ctx.req().getLocalPort();
    return origins.scheme()
        + "://localhost:"
        + port
        + " "
        + origins.scheme()
        + "://127.0.0.1:"
        + port;
  }

  private static String decodedPath(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > PATH_CHARS_MAX || raw.charAt(0) != '/') {
      throw RequestError.notFound();
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw RequestError.notFound();
    }
  }

  private static Optional<byte[]> readBridge() {
    ClassLoader loader = MiniAppOriginRouter.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(BRIDGE_RESOURCE)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + BRIDGE_RESOURCE, e);
    }
  }
}
