package dev.atrium.miniapps;

import io.javalin.http.Context;

/**
 * The port for the operator's bearer-token check of the admin routes, answered by the wallet's
 * {@code OperatorAccess} (the one operator token of the node).
 */
@FunctionalInterface
public interface OperatorCheck {
  /** Throws a 401 in the error contract unless the request carries the operator token. */
  void require(Context ctx);
}
