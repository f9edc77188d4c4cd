package dev.atrium.notifications;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;

/**
 * The JSON shapes of the push endpoints; keys are base64url as the browser's
 * PushSubscription.toJSON() gives them.
 */
final class PushApi {
  private PushApi() {}

  record ServerKeyResponse(
      @Required
          @Description(
              "The VAPID public key to pass as applicationServerKey to PushManager.subscribe, "
                  + "base64url (uncompressed P-256 point).")
          String applicationServerKey) {}

  record SubscriptionKeys(
      @Required @Description("The browser's P-256 public key, base64url.") String p256dh,
      @Required @Description("The browser's 16-byte authentication secret, base64url.")
          String auth) {}

  record SubscribeRequest(
      @Required @Description("The push service URL the browser's subscription names (https).")
          String endpoint,
      @Required SubscriptionKeys keys) {}

  record SubscriptionResponse(@Required String endpoint, @Required Instant createdAt) {
    static SubscriptionResponse of(PushSubscription subscription) {
      return new SubscriptionResponse(
          subscription.endpoint(), Instant.ofEpochMilli(subscription.createdAtMillis()));
    }
  }

  record MuteRequest(
      @Description("When the mute ends; absent or null mutes until unmuted.") Instant until) {}

  record MuteResponse(
      @Required String conversationId,
      @Description("When the mute ends; null until unmuted.") Instant mutedUntil) {
    static MuteResponse of(Mute mute) {
      return new MuteResponse(
          mute.conversationId(),
          mute.untilMillis() == null ? null : Instant.ofEpochMilli(mute.untilMillis()));
    }
  }
}
