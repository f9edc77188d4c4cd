package dev.atrium.platform.http;

import dev.atrium.platform.errors.ErrorBody;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.json.Json;
import dev.atrium.platform.openapi.OpenApiDocument;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP and WebSocket front door: Javalin on Jetty 12 with virtual threads, the error contract,
 * correlation ids, request logs and metrics, health and the OpenAPI document. Start once, stop
 * once.
 */
public final class HttpServer {
  static final String CORRELATION_ATTRIBUTE = "atrium.correlationId";
  private static final String START_NANOS_ATTRIBUTE = "atrium.startNanos";
  private static final Logger REQUEST_LOG = LoggerFactory.getLogger("atrium.request");
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final Pattern CLIENT_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpSettings settings;
  private final PrometheusMeterRegistry metrics;
  private final BooleanSupplier ready;
  private final Javalin javalin;
  private final List<Operation> operations = new java.util.ArrayList<>();
  private final List<UploadRoute> uploadRoutes = new java.util.ArrayList<>();
  private volatile boolean stopping;

  public HttpServer(
      HttpSettings settings,
      Authenticator authenticator,
      List<RouteModule> modules,
      BooleanSupplier ready,
      PrometheusMeterRegistry metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.ready = ready;
    this.javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.concurrency.useVirtualThreads = true;
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = settings.requestBodyBytesMax();
              config.http.generateEtags = false;
              config.jsonMapper(new JavalinJackson(Json.MAPPER, true));
              config.router.ignoreTrailingSlashes = true;
              config.jetty.host = settings.host();
              config.jetty.port = settings.port();
              config.jetty.modifyServer(
                  server -> {
                    // Without a GracefulHandler, Jetty cuts in-flight requests on stop.
                    server.insertHandler(new GracefulHandler());
                    server.setStopTimeout(settings.shutdownGraceMillis());
                    // Requests the parser refuses (bad URI, URI or headers too long) never reach
                    // Javalin.
                    server.setErrorHandler(new JsonErrorHandler());
                  });
              // The servlet layer refuses some paths (bad UTF-8, NUL) while building the request.
              config.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(new JsonErrorHandler()));
              config.jetty.modifyWebSocketServletFactory(
                  factory -> {
                    factory.setMaxTextMessageSize(settings.webSocketFrameBytesMax());
                    factory.setMaxBinaryMessageSize(settings.webSocketFrameBytesMax());
                    factory.setIdleTimeout(
                        java.time.Duration.ofMillis(settings.webSocketIdleTimeoutMillis()));
                  });
              // Built assets carry a content hash in their names, so a name never changes its
              // content and
              // may be cached for good; everything else (index.html, the service worker) is
              // revalidated.
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/assets";
                    files.directory = "/public/assets";
                    files.location = Location.CLASSPATH;
                    files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
                  });
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/public";
                    files.location = Location.CLASSPATH;
                    files.headers = Map.of("Cache-Control", "no-cache");
                    files.skipFileFunction =
                        request -> request.getRequestURI().startsWith("/assets/");
                  });
              // Contact links (<server>/c/<token>) and device links (<server>/link/<code>) open the
              // web
              // client, which offers to send a request or to approve the new device; the client's
              // own
              // screens use hash routes, so no other path needs index.html.
              config.spaRoot.addFile("/c", "/public/index.html", Location.CLASSPATH);
              config.spaRoot.addFile("/link", "/public/index.html", Location.CLASSPATH);
              config.requestLogger.http(this::logRequest);
              config.routes.before(this::beforeEveryRequest);
              config.routes.exception(OperatingError.class, (e, ctx) -> writeError(ctx, e));
              config.routes.exception(
                  HttpResponseException.class, (e, ctx) -> writeError(ctx, fromJavalin(e, ctx)));
              config.routes.exception(Exception.class, this::writeInternalError);
              config.routes.error(404, ctx -> writeErrorIfEmpty(ctx, RequestError.notFound()));
              config.routes.error(
                  405,
                  ctx ->
                      writeErrorIfEmpty(ctx, RequestError.methodNotAllowed(ctx.method().name())));
              Api api = new Api(config.routes, authenticator);
              modules.forEach(module -> module.register(api));
              operations.addAll(api.operations());
              uploadRoutes.addAll(api.uploadRoutes());
              registerInfrastructure(
                  api, OpenApiDocument.build(api.operations(), settings.version()));
            });
  }

  public void start() {
    javalin.start();
  }

  /** Stops accepting work, lets in-flight requests finish within the grace period, then stops. */
  public void stop() {
    stopping = true;
    javalin.stop();
  }

  public int port() {
    return javalin.port();
  }

  /** The documented API operations this server routes. */
  public List<Operation> operations() {
    return List.copyOf(operations);
  }

  private void registerInfrastructure(Api api, String openApiJson) {
    api.infrastructure("GET", "/health/live", ctx -> ctx.json(Map.of("status", "live")));
    api.infrastructure("GET", "/health/ready", this::readiness);
    api.infrastructure(
        "GET",
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    api.infrastructure(
        "GET", "/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApiJson));
  }

  private void readiness(Context ctx) {
    boolean isReady = !stopping && ready.getAsBoolean();
    ctx.status(isReady ? 200 : 503).json(Map.of("status", isReady ? "ready" : "not_ready"));
  }

  private void beforeEveryRequest(Context ctx) {
    ctx.attribute(START_NANOS_ATTRIBUTE, System.nanoTime());
    String clientId = ctx.header("X-Request-Id");
    String correlationId =
        clientId != null && CLIENT_CORRELATION_ID.matcher(clientId).matches()
            ? clientId
            : newCorrelationId();
    ctx.attribute(CORRELATION_ATTRIBUTE, correlationId);
    ctx.attribute(Requests.BODY_LIMIT_ATTRIBUTE, settings.requestBodyBytesMax());
    ClientAddress.configure(ctx, settings.trustForwardedFor());
    MDC.put("correlationId", correlationId);
    ctx.header("X-Request-Id", correlationId);
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    if (ctx.method().name().equals("HEAD") && ctx.path().startsWith("/api/")) {
      // Javalin answers HEAD for every GET route without running the route's handler, so the
      // authentication and existence checks would be skipped; the API has no use for HEAD.
      throw RequestError.methodNotAllowed("HEAD");
    }
    checkBodyHeaders(ctx);
  }

  private void checkBodyHeaders(Context ctx) {
    long declaredLength = ctx.req().getContentLengthLong();
    boolean mayHaveBody = METHODS_WITH_BODY.contains(ctx.method().name());
    boolean hasBody = declaredLength > 0 || ctx.header("Transfer-Encoding") != null;
    UploadRoute upload = uploadRouteOf(ctx);
    if (upload != null) {
      checkUploadHeaders(ctx, upload, declaredLength, hasBody);
      return;
    }
    if (declaredLength > settings.requestBodyBytesMax()) {
      throw RequestError.bodyTooLarge(settings.requestBodyBytesMax());
    }
    if (mayHaveBody
        && hasBody
        && ctx.path().startsWith("/api/")
        && !hasMediaType(ctx.contentType(), Operation.JSON)) {
      throw RequestError.unsupportedMediaType(Operation.JSON, ctx.contentType());
    }
  }

  /**
   * A raw upload has its own cap instead of the JSON one. A declared length over it is refused
   * before a byte is read, and before authentication, so that a client that sent {@code Expect:
   * 100-continue} never transmits the body at all.
   */
  private static void checkUploadHeaders(
      Context ctx, UploadRoute upload, long declaredLength, boolean hasBody) {
    ctx.attribute(Requests.UPLOAD_ROUTE_ATTRIBUTE, upload);
    ctx.attribute(Requests.BODY_LIMIT_ATTRIBUTE, upload.bodyBytesMax());
    if (declaredLength > upload.bodyBytesMax()) {
      throw upload.tooLarge().get();
    }
    if (hasBody && !hasMediaType(ctx.contentType(), upload.mediaType())) {
      throw RequestError.unsupportedMediaType(upload.mediaType(), ctx.contentType());
    }
  }

  private UploadRoute uploadRouteOf(Context ctx) {
    String method = ctx.method().name();
    String path = ctx.path();
    for (UploadRoute route : uploadRoutes) {
      if (route.matches(method, path)) {
        return route;
      }
    }
    return null;
  }

  private static boolean hasMediaType(String contentType, String expected) {
    if (contentType == null) {
      return false;
    }
    String mediaType = contentType.split(";", 2)[0].trim();
    return mediaType.equalsIgnoreCase(expected);
  }

  private static String newCorrelationId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static OperatingError fromJavalin(HttpResponseException e, Context ctx) {
    return switch (e.getStatus()) {
      case 404 -> RequestError.notFound();
      case 405 -> RequestError.methodNotAllowed(ctx.method().name());
      case 413 -> RequestError.bodyTooLarge(ctx.<Long>attribute(Requests.BODY_LIMIT_ATTRIBUTE));
      case 400 -> RequestError.malformedJson(e.getMessage());
      default -> new PassThroughError(e.getStatus(), e.getMessage());
    };
  }

  private static void writeErrorIfEmpty(Context ctx, OperatingError error) {
    if (ctx.result() == null || ctx.result().isEmpty()) {
      writeError(ctx, error);
    }
  }

  private static void writeError(Context ctx, OperatingError error) {
    Requests.discardUnreadBody(ctx);
    error.headers().forEach(ctx::header);
    ctx.status(error.status())
        .json(ErrorBody.of(error.code(), error.getMessage(), error.details()));
  }

  private void writeInternalError(Exception e, Context ctx) {
    String correlationId = Requests.correlationId(ctx);
    LOG.error("Unhandled error correlationId={} route={}", correlationId, routeOf(ctx), e);
    Requests.discardUnreadBody(ctx);
    ctx.status(500)
        .json(
            ErrorBody.of(
                "internal_error",
                "Something went wrong on our side. Quote correlation id "
                    + correlationId
                    + " when reporting it.",
                Map.of("correlationId", correlationId)));
  }

  private void logRequest(Context ctx, Float ignoredMillis) {
    Long start = ctx.attribute(START_NANOS_ATTRIBUTE);
    long nanos = start == null ? 0 : System.nanoTime() - start;
    String route = routeOf(ctx);
    int status = ctx.statusCode();
    Timer.builder("http.server.requests")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(metrics)
        .record(nanos, TimeUnit.NANOSECONDS);
    REQUEST_LOG.info(
        "method={} route={} status={} durationMs={} correlationId={}",
        ctx.method().name(),
        route,
        status,
        String.format("%.1f", nanos / 1_000_000.0),
        Requests.correlationId(ctx));
    MDC.remove("correlationId");
  }

  /** The matched route template, never the raw path, so logs and metrics hold no identifiers. */
  private static String routeOf(Context ctx) {
    try {
      String path = ctx.endpoint().path;
      return path == null || path.isEmpty() || path.equals("*") ? "unmatched" : path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  /** An HTTP status Javalin raised that has no more specific code. */
  private static final class PassThroughError extends OperatingError {
    PassThroughError(int status, String message) {
      super(
          status,
          "http_" + status,
          message == null || message.isBlank() ? "Request failed." : message);
    }
  }
}
