package dev.atrium.platform.http;

/** A feature's set of HTTP routes; each feature's *Routes class implements it. */
@FunctionalInterface
public interface RouteModule {
  void register(Api api);
}
