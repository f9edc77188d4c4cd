package dev.atrium.miniapps.webhooks;

import java.util.regex.Pattern;

/**
 * The event types Atrium sends. Types are open text, {@code <object>.<happening>} in lower case, so
 * a later feature adds one without changing this package; these are the ones issue 14 names.
 */
public final class WebhookEventTypes {
  public static final String PAYMENT_SUCCEEDED = "payment.succeeded";
  public static final String PAYMENT_FAILED = "payment.failed";
  public static final String REFUND_SUCCEEDED = "refund.succeeded";
  public static final String CONSENT_REVOKED = "consent.revoked";
  public static final String ACCOUNT_DELETED = "account.deleted";

  private static final Pattern SHAPE = Pattern.compile("[a-z][a-z_]*(\\.[a-z][a-z_]*)+");
  private static final int CHARS_MAX = 64;

  private WebhookEventTypes() {}

  static boolean isWellFormed(String type) {
    return type != null && type.length() <= CHARS_MAX && SHAPE.matcher(type).matches();
  }
}
