package dev.atrium.contacts;

/**
 * One side of a friendship: {@code accountId} has {@code contactAccountId} as a contact since then.
 */
record Contact(String accountId, String contactAccountId, long createdAtMillis) {}
