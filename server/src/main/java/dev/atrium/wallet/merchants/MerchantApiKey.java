package dev.atrium.wallet.merchants;

/** A point-of-sale key as its owner sees it later: never the secret, which was shown once. */
public record MerchantApiKey(String id, String label, long createdAtMillis, Long revokedAtMillis) {}
