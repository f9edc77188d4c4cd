package dev.atrium.platform.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.atrium.platform.errors.RequestError;
import java.io.IOException;

/**
 * The one JSON mapper of the server, strict about types so that a wrong type is a 400 that names
 * the field instead of a silent coercion. Thread-safe.
 */
public final class Json {
  private static final int NESTING_DEPTH_MAX = 32;
  private static final int STRING_LENGTH_MAX = 1_048_576;

  // Jackson's default buffer pool is per thread; with one long-lived virtual thread per WebSocket
  // that pins two 4 KiB buffers to every idle connection. A shared pool does not.
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                  .build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  static {
    // A number or boolean where a string belongs is a wrong type, not something to convert.
    MAPPER
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // An integer field (money in cents, counts, sequence numbers) takes only a JSON integer: 1.5,
    // 1.0 and 1e2 would otherwise be truncated or converted, and "1" or true converted, silently.
    MAPPER
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    MAPPER
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    MAPPER
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // "" is not an absent value: an enum, a date or an object given "" is a wrong type, not null.
    MAPPER
        .coercionConfigDefaults()
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(NESTING_DEPTH_MAX)
                .maxStringLength(STRING_LENGTH_MAX)
                .build());
  }

  private Json() {}

  /** Parses a request body into {@code type}, turning every parser failure into a 400. */
  public static <T> T parse(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw RequestError.malformedJson("the body is empty");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw RequestError.malformedJson("expected a JSON object, got null");
      }
      FieldChecks.check(value);
      return value;
    } catch (MismatchedInputException e) {
      throw mismatch(e);
    } catch (JsonMappingException e) {
      // A number too large for its field (an int or a long) fails in the parser; the mapper
      // wraps that with the field's path.
      if (e.getCause() instanceof InputCoercionException && !fieldPath(e).isEmpty()) {
        throw RequestError.invalidType(fieldPath(e), "a number in range");
      }
      throw RequestError.malformedJson(firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw RequestError.malformedJson(firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw RequestError.malformedJson("the body could not be read");
    }
  }

  /**
   * The checks {@link #parse} makes on every parsed body (required fields, no NUL in strings), for
   * documents read by other means (the WebSocket's frames); throws the same 400s.
   */
  public static void checkFields(Object value) {
    FieldChecks.check(value);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not serialise " + value.getClass().getName(), e);
    }
  }

  private static RequestError mismatch(MismatchedInputException e) {
    String field = fieldPath(e);
    if (field.isEmpty()) {
      return RequestError.malformedJson("expected a JSON object");
    }
    return RequestError.invalidType(field, describe(e.getTargetType()));
  }

  /**
   * The HTTP API's answer to a value of the wrong type inside a JSON document read by other means
   * than {@link #parse} (the WebSocket's frames): {@code invalid_type} naming the field, or {@code
   * malformed_json} when the failure names no field.
   */
  public static RequestError wrongType(JsonMappingException e) {
    String field = fieldPath(e);
    if (field.isEmpty()) {
      return RequestError.malformedJson("a field holds a value of the wrong type");
    }
    Class<?> target =
        e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
    return RequestError.invalidType(field, describe(target));
  }

  private static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == java.math.BigInteger.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }
}
