package dev.atrium.keys;

/** How many one-time key packages a device has stored, and whether it has a last-resort one. */
record KeyPackageCount(int count, boolean lastResort) {}
