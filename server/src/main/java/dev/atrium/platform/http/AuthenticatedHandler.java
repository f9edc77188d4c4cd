package dev.atrium.platform.http;

import io.javalin.http.Context;

/** A route handler that runs only after the caller's token was checked. */
@FunctionalInterface
public interface AuthenticatedHandler {
  void handle(Context ctx, Caller caller) throws Exception;
}
