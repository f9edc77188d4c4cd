package dev.atrium.platform.json;

import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.openapi.Required;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every field of a parsed request once, so that no handler has to: a {@link Required} field
 * that is absent or null is 400 {@code missing_field} (the annotation is the one the OpenAPI
 * document lists as required, so the check and the document cannot disagree), and a string that
 * holds the NUL character is 400 {@code invalid_text} (PostgreSQL cannot store it in text, and no
 * name, id or reference has a use for it). Nested records and lists are checked too. Thread-safe.
 */
final class FieldChecks {
  private static final ClassValue<List<Component>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
          return componentsOf(type);
        }
      };

  private FieldChecks() {}

  /** A record component's name and accessor, and whether the request must carry it. */
  private record Component(String name, Method accessor, boolean required) {}

  static void check(Object value) {
    check(value, "");
  }

  // Recursion is bounded by the parser's nesting depth limit.
  private static void check(Object value, String path) {
    if (value instanceof Iterable<?> items) {
      int index = 0;
      for (Object item : items) {
        check(item, path + "[" + index + "]");
        index++;
      }
      return;
    }
    if (value instanceof String text) {
      if (text.indexOf('\0') >= 0) {
        throw RequestError.invalidText(path);
      }
      return;
    }
    if (value == null || !value.getClass().isRecord()) {
      return;
    }
    for (Component component : COMPONENTS.get(value.getClass())) {
      String field = path.isEmpty() ? component.name() : path + "." + component.name();
      Object fieldValue = read(component, value);
      if (fieldValue == null && component.required()) {
        throw RequestError.missingField(field);
      }
      check(fieldValue, field);
    }
  }

  private static List<Component> componentsOf(Class<?> type) {
    List<Component> components = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      Method accessor = component.getAccessor();
      // Request records are package-private in their features.
      accessor.setAccessible(true);
      components.add(
          new Component(
              component.getName(), accessor, component.isAnnotationPresent(Required.class)));
    }
    return List.copyOf(components);
  }

  private static Object read(Component component, Object record) {
    try {
      return component.accessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(
          "Cannot read " + component.name() + " of " + record.getClass().getName(), e);
    }
  }
}
