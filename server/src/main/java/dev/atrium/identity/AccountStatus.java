package dev.atrium.identity;

/** Lifecycle of an account: only ACTIVE accounts can log in or use tokens. */
public enum AccountStatus {
  ACTIVE,
  DISABLED,
  DELETED
}
