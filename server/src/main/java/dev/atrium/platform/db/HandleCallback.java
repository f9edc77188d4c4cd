package dev.atrium.platform.db;

/** Work done with a {@link Handle} that must not escape the callback. */
@FunctionalInterface
public interface HandleCallback<T> {
  T apply(Handle handle) throws Exception;
}
