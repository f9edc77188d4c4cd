package dev.atrium.platform.http;

/** The authenticated device behind a request: the account and which of its devices is calling. */
public record Caller(String accountId, String deviceId) {}
