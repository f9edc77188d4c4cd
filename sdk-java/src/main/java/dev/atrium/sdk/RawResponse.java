package dev.atrium.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** An HTTP response as it came, for callers that check status codes and headers themselves. */
public record RawResponse(int status, HttpHeaders headers, String body) {
  /** The body parsed as JSON; throws if it is not JSON. */
  public JsonNode json() {
    try {
      return AtriumClient.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Response body is not JSON: " + body, e);
    }
  }

  /** The error contract's code, or null when the body is not an error. */
  public String errorCode() {
    JsonNode code = json().path("error").path("code");
    return code.isMissingNode() ? null : code.asText();
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }
}
