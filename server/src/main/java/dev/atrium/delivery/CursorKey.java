package dev.atrium.delivery;

/** A device's acknowledgement position in one conversation. */
public record CursorKey(String deviceId, String conversationId) {}
