package dev.atrium.platform.http;

import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.errors.RequestError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The registry every feature adds its routes to: it registers them with Javalin, wraps the
 * authenticated ones with the bearer-token check, and remembers each {@link Operation} for the
 * OpenAPI document. Used only while the server is being built; not thread-safe.
 */
public final class Api {
  static final String CALLER_ATTRIBUTE = "atrium.caller";
  static final String ACCEPT_SEQUENCE_ATTRIBUTE = "atrium.acceptSequence";

  /**
   * Counts accepted WebSocket upgrades, so that handlers can tell which of two connections came
   * later.
   */
  private static final java.util.concurrent.atomic.AtomicLong ACCEPTED_UPGRADES =
      new java.util.concurrent.atomic.AtomicLong();

  private final RoutesConfig routes;
  private final Authenticator authenticator;
  private final List<Operation> operations = new ArrayList<>();
  private final List<UploadRoute> uploadRoutes = new ArrayList<>();

  Api(RoutesConfig routes, Authenticator authenticator) {
    this.routes = routes;
    this.authenticator = authenticator;
  }

  /** A route anyone may call, such as registration or login. */
  public void open(Operation.Builder operation, Handler handler) {
    Operation built = operation.publicAccess().build();
    operations.add(built);
    routes.addHttpHandler(HandlerType.findOrCreate(built.method()), built.path(), handler);
  }

  /** A route that needs a valid device token; the handler receives the caller. */
  public void authenticated(Operation.Builder operation, AuthenticatedHandler handler) {
    addAuthenticated(operation.build(), handler);
  }

  private void addAuthenticated(Operation built, AuthenticatedHandler handler) {
    operations.add(built);
    routes.addHttpHandler(
        HandlerType.findOrCreate(built.method()),
        built.path(),
        ctx -> handler.handle(ctx, requireCaller(ctx)));
  }

  /**
   * An authenticated WebSocket endpoint: the token is checked on the upgrade request (from the
   * Authorization header, or the {@code token} query parameter for browsers, which cannot set
   * headers on WebSockets), and the handlers read the caller with {@link #caller(WsContext)}.
   */
  public void websocket(String path, Consumer<WsConfig> handlers) {
    routes.wsBeforeUpgrade(
        path,
        ctx -> {
          String header = ctx.header("Authorization");
          String token =
              header != null ? bearerToken(header).orElse(null) : ctx.queryParam("token");
          if (token == null || token.isEmpty() || token.length() > 512) {
            throw RequestError.unauthenticated();
          }
          Caller caller =
              authenticator.authenticate(token).orElseThrow(RequestError::unauthenticated);
          ctx.attribute(CALLER_ATTRIBUTE, caller);
          ctx.attribute(ACCEPT_SEQUENCE_ATTRIBUTE, ACCEPTED_UPGRADES.incrementAndGet());
        });
    routes.ws(path, handlers);
  }

  /** The caller whose token opened this WebSocket. */
  public static Caller caller(WsContext ctx) {
    Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
    if (caller == null) {
      throw new IllegalStateException("WebSocket opened without an authenticated caller");
    }
    return caller;
  }

  /**
   * Where this WebSocket's upgrade came in the order the server accepted upgrades: a connection
   * with a higher number was accepted later, however long either took to open.
   */
  public static long acceptSequence(WsContext ctx) {
    Long sequence = ctx.attribute(ACCEPT_SEQUENCE_ATTRIBUTE);
    if (sequence == null) {
      throw new IllegalStateException("WebSocket opened without an accepted upgrade");
    }
    return sequence;
  }

  /**
   * An authenticated route that takes a raw {@code application/octet-stream} body of at most {@code
   * bodyBytesMax} bytes instead of JSON. The server refuses other media types (415) and a declared
   * Content-Length over the cap (with {@code tooLarge}) before anything is read; the handler reads
   * the body through {@link Requests#uploadBody}, which stops at the cap with {@code tooLarge} too,
   * also for chunked bodies.
   */
  public void upload(
      Operation.Builder operation,
      long bodyBytesMax,
      Supplier<? extends OperatingError> tooLarge,
      AuthenticatedHandler handler) {
    upload(operation, Operation.BINARY, bodyBytesMax, tooLarge, handler);
  }

  /**
   * Like {@link #upload(Operation.Builder, long, Supplier, AuthenticatedHandler)}, for a body of
   * another raw media type ({@code application/zip}).
   */
  public void upload(
      Operation.Builder operation,
      String mediaType,
      long bodyBytesMax,
      Supplier<? extends OperatingError> tooLarge,
      AuthenticatedHandler handler) {
    if (bodyBytesMax < 1) {
      throw new IllegalArgumentException("An upload route needs a positive body cap");
    }
    Operation built = operation.binaryRequest(mediaType, bodyBytesMax).build();
    uploadRoutes.add(UploadRoute.of(built, tooLarge));
    addAuthenticated(built, handler);
  }

  /**
   * A handler run before every route and static file, for requests addressed to another origin this
   * node serves (a mini-program's own host name). It answers such a request and calls {@code
   * ctx.skipRemainingHandlers()}, so that nothing of the API or the web client is reachable there;
   * it leaves every other request alone.
   */
  public void beforeEverything(Handler handler) {
    routes.before(handler);
  }

  /** A route outside the documented API (health, metrics, the OpenAPI document itself). */
  public void infrastructure(String method, String path, Handler handler) {
    routes.addHttpHandler(HandlerType.findOrCreate(method), path, handler);
  }

  public List<Operation> operations() {
    return List.copyOf(operations);
  }

  List<UploadRoute> uploadRoutes() {
    return List.copyOf(uploadRoutes);
  }

  Caller requireCaller(io.javalin.http.Context ctx) {
    String token =
        bearerToken(ctx.header("Authorization")).orElseThrow(RequestError::unauthenticated);
    Caller caller = authenticator.authenticate(token).orElseThrow(RequestError::unauthenticated);
    ctx.attribute(CALLER_ATTRIBUTE, caller);
    return caller;
  }

  static Optional<String> bearerToken(String header) {
    if (header == null || header.length() > 512) {
      return Optional.empty();
    }
    String prefix = "Bearer ";
    if (!header.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return Optional.empty();
    }
    String token = header.substring(prefix.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
