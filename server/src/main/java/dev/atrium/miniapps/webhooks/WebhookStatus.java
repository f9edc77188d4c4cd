package dev.atrium.miniapps.webhooks;

/**
 * Where an event stands: waiting to be sent (or retried), received by the provider, or given up.
 */
public enum WebhookStatus {
  PENDING,
  DELIVERED,
  FAILED
}
