package dev.atrium.wallet.merchants;

/** A shop that takes payments: owned by an Atrium account, approved by the operator. */
public record Merchant(
    String id,
    String ownerAccountId,
    String name,
    String city,
    String categoryCode,
    Status status,
    long createdAtMillis,
    Long decidedAtMillis,
    String payoutIban,
    String payoutName) {

  /** PENDING until the operator decides; only APPROVED merchants get keys, codes and payments. */
  public enum Status {
    PENDING,
    APPROVED,
    SUSPENDED
  }
}
