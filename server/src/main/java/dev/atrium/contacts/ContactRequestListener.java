package dev.atrium.contacts;

/**
 * Told after a contact request was stored for an account, e.g. to wake its devices. Called after
 * the commit on the request's thread: an implementation only hands the news on.
 */
@FunctionalInterface
public interface ContactRequestListener {
  ContactRequestListener NONE = recipientAccountId -> {};

  void requestReceived(String recipientAccountId);
}
