package dev.atrium.platform.http;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * What one endpoint does, for the router and for the OpenAPI document at once, so that the document
 * cannot drift from the routes that exist.
 *
 * @param responseType a class, a {@code List<...>} type, or null for an empty or binary response
 * @param requestMediaType {@link #JSON} for a JSON body (or none), {@link #BINARY} for a raw upload
 * @param responseMediaType {@link #JSON}, or {@link #BINARY} for endpoints that return raw bytes
 * @param requestBodyBytesMax the cap of a raw upload's body; 0 for JSON routes, which share the
 *     server-wide cap
 * @param otherSuccesses success answers besides {@code successStatus}, such as a replayed retry
 * @param queryParameters the query parameters the handler reads
 */
public record Operation(
    String method,
    String path,
    String operationId,
    String tag,
    String summary,
    Class<?> requestType,
    int successStatus,
    Type responseType,
    List<Integer> errorStatuses,
    boolean authenticated,
    String requestMediaType,
    String responseMediaType,
    long requestBodyBytesMax,
    List<Response> otherSuccesses,
    List<QueryParameter> queryParameters) {

  public static final String JSON = "application/json";
  public static final String BINARY = "application/octet-stream";

  /** A success status besides the main one, with the same body, and when it is given. */
  public record Response(int status, String description) {}

  /**
   * A query parameter: {@code type} is "integer" (then within [minimum, maximum]) or "string" (then
   * minimum and maximum are unused).
   */
  public record QueryParameter(
      String name, String type, long minimum, long maximum, String description) {}

  /** Whether the endpoint reads a body, JSON or raw. */
  public boolean hasRequestBody() {
    return requestType != null || !JSON.equals(requestMediaType);
  }

  public static Builder get(String path, String operationId) {
    return new Builder("GET", path, operationId);
  }

  public static Builder post(String path, String operationId) {
    return new Builder("POST", path, operationId);
  }

  public static Builder patch(String path, String operationId) {
    return new Builder("PATCH", path, operationId);
  }

  public static Builder put(String path, String operationId) {
    return new Builder("PUT", path, operationId);
  }

  public static Builder delete(String path, String operationId) {
    return new Builder("DELETE", path, operationId);
  }

  /** Builds an {@link Operation}; every endpoint starts as authenticated unless made public. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final String operationId;
    private String tag = "default";
    private String summary = "";
    private Class<?> requestType;
    private int successStatus = 200;
    private Type responseType;
    private List<Integer> errorStatuses = List.of();
    private boolean authenticated = true;
    private String requestMediaType = JSON;
    private String responseMediaType = JSON;
    private long requestBodyBytesMax;
    private final List<Response> otherSuccesses = new ArrayList<>();
    private final List<QueryParameter> queryParameters = new ArrayList<>();

    private Builder(String method, String path, String operationId) {
      this.method = method;
      this.path = path;
      this.operationId = operationId;
    }

    public Builder tag(String tag) {
      this.tag = tag;
      return this;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    public Builder request(Class<?> requestType) {
      this.requestType = requestType;
      return this;
    }

    public Builder response(int status, Type responseType) {
      this.successStatus = status;
      this.responseType = responseType;
      return this;
    }

    public Builder noContent() {
      this.successStatus = 204;
      this.responseType = null;
      return this;
    }

    /**
     * Another success status the endpoint answers with, such as 200 for a replayed retry of a 201.
     */
    public Builder alsoSucceeds(int status, String description) {
      otherSuccesses.add(new Response(status, description));
      return this;
    }

    /**
     * An optional integer query parameter; values outside [minimum, maximum] are refused with 400.
     */
    public Builder queryInteger(String name, long minimum, long maximum, String description) {
      queryParameters.add(new QueryParameter(name, "integer", minimum, maximum, description));
      return this;
    }

    /** An optional string query parameter. */
    public Builder queryString(String name, String description) {
      queryParameters.add(new QueryParameter(name, "string", 0, 0, description));
      return this;
    }

    public Builder errors(Integer... statuses) {
      this.errorStatuses = List.of(statuses);
      return this;
    }

    /** The endpoint answers with raw bytes ({@code application/octet-stream}) rather than JSON. */
    public Builder binaryResponse(int status) {
      this.successStatus = status;
      this.responseType = null;
      this.responseMediaType = BINARY;
      return this;
    }

    /** Set by {@link Api#upload}, which also makes the server accept such a body on this route. */
    Builder binaryRequest(String mediaType, long bodyBytesMax) {
      this.requestType = null;
      this.requestMediaType = mediaType;
      this.requestBodyBytesMax = bodyBytesMax;
      return this;
    }

    public Builder publicAccess() {
      this.authenticated = false;
      return this;
    }

    public Operation build() {
      return new Operation(
          method,
          path,
          operationId,
          tag,
          summary,
          requestType,
          successStatus,
          responseType,
          errorStatuses,
          authenticated,
          requestMediaType,
          responseMediaType,
          requestBodyBytesMax,
          List.copyOf(otherSuccesses),
          List.copyOf(queryParameters));
    }
  }
}
