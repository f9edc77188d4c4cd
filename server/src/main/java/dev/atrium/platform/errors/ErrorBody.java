package dev.atrium.platform.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/** The error contract: {@code {"error":{"code":"snake_case","message":"...", ...details}}}. */
public final class ErrorBody {
  private ErrorBody() {}

  public static Map<String, Object> of(String code, String message, Map<String, Object> details) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.putAll(details);
    return Map.of("error", error);
  }
}
