package dev.atrium.platform.db;

/**
 * A write hit a unique constraint. Stores let it escape the transaction (which then rolls back, as
 * PostgreSQL requires) and services turn it into a conflict.
 */
public final class UniqueViolation extends DataAccessException {
  public UniqueViolation(Throwable cause) {
    super("Unique constraint violated", cause);
  }
}
