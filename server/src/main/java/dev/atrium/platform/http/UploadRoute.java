package dev.atrium.platform.http;

import dev.atrium.platform.errors.OperatingError;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A route that takes a raw body instead of JSON, with its own size cap. The request filter runs
 * before Javalin matches routes, so it recognises these by method and path template itself.
 *
 * @param tooLarge the refusal when the body passes {@code bodyBytesMax}, in the feature's own words
 */
record UploadRoute(
    String method,
    Pattern path,
    String mediaType,
    long bodyBytesMax,
    Supplier<? extends OperatingError> tooLarge) {

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]+}");

  static UploadRoute of(Operation operation, Supplier<? extends OperatingError> tooLarge) {
    return new UploadRoute(
        operation.method(),
        pathPattern(operation.path()),
        operation.requestMediaType(),
        operation.requestBodyBytesMax(),
        tooLarge);
  }

  boolean matches(String requestMethod, String requestPath) {
    return method.equalsIgnoreCase(requestMethod) && path.matcher(requestPath).matches();
  }

  /**
   * "/api/v1/things/{id}" matches one non-empty segment per parameter, and a trailing slash as
   * Javalin does.
   */
  static Pattern pathPattern(String template) {
    StringBuilder regex = new StringBuilder();
    var matcher = PATH_PARAMETER.matcher(template);
    int last = 0;
    while (matcher.find()) {
      regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("[^/]+");
      last = matcher.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append("/?");
    return Pattern.compile(regex.toString());
  }
}
