package dev.atrium.platform.http;

/**
 * Settings of the HTTP server, validated by the configuration loader.
 *
 * @param trustForwardedFor take the client address from X-Forwarded-For (only behind a proxy that
 *     sets it), which rate limits key on
 */
public record HttpSettings(
    String host,
    int port,
    long requestBodyBytesMax,
    long shutdownGraceMillis,
    boolean trustForwardedFor,
    String version,
    int webSocketFrameBytesMax,
    long webSocketIdleTimeoutMillis) {}
