package dev.atrium.delivery;

import java.util.Collection;

/**
 * Told, on the node where a conversation's log stored them, that envelopes or device items now wait
 * for their recipients: connected devices got them live, the others may be woken (Web Push). Called
 * on the log writer's thread after the commit: an implementation only hands the news on.
 */
public interface PublishedListener {
  PublishedListener NONE =
      new PublishedListener() {
        @Override
        public void envelopesPublished(String conversationId, String senderDeviceId) {}

        @Override
        public void itemsPublished(Collection<String> deviceIds) {}
      };

  /** New envelopes in the conversation, the latest sent by {@code senderDeviceId}. */
  void envelopesPublished(String conversationId, String senderDeviceId);

  /** New items (Welcomes) for these devices. */
  void itemsPublished(Collection<String> deviceIds);
}
