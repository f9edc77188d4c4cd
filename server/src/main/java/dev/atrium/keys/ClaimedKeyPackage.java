package dev.atrium.keys;

/**
 * A key package handed out for one device; a last-resort one stays stored and may be handed out
 * again.
 */
record ClaimedKeyPackage(String deviceId, KeyPackage keyPackage, boolean lastResort) {}
