package dev.atrium.wallet;

/**
 * Told after money from outside reached a person's wallet (a bank top-up credited), e.g. to wake
 * their devices. Chat transfers need no telling: their card is an end-to-end encrypted message.
 * Called after the commit; an implementation only hands the news on.
 */
@FunctionalInterface
public interface MoneyReceivedListener {
  MoneyReceivedListener NONE = accountId -> {};

  void moneyReceived(String accountId);
}
