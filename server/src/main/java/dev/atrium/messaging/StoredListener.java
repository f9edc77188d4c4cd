package dev.atrium.messaging;

import java.util.Collection;

/**
 * Told on the node that stored them that envelopes or device items now wait for their
 * recipients, e.g. to wake devices that are not connected. Called on the writer's thread after
 * the commit: an implementation only hands the news on.
 */
public interface StoredListener {
  StoredListener NONE = new StoredListener() {
    @Override
    public void envelopesStored(String conversationId, String senderDeviceId) {}

    @Override
    public void itemsStored(Collection<String> deviceIds) {}
  };

  /** New envelopes in the conversation, the latest sent by {@code senderDeviceId}. */
  void envelopesStored(String conversationId, String senderDeviceId);

  /** New items (Welcomes) for these devices. */
  void itemsStored(Collection<String> deviceIds);
}
