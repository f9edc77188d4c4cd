package dev.atrium.platform.db;

/**
 * A database failure that is not the caller's fault; it surfaces as a 500 with a correlation id.
 */
public class DataAccessException extends RuntimeException {
  public DataAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
