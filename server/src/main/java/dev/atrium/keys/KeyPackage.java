package dev.atrium.keys;

/**
 * An MLS key package as the server keeps it: opaque bytes (standard base64) for one ciphersuite.
 */
record KeyPackage(int ciphersuite, String data) {}
