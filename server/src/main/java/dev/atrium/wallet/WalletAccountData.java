package dev.atrium.wallet;

import dev.atrium.platform.feature.AccountDataProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wallet's part of account export and deletion: balances and statements, chat transfers and red
 * packets; an account is deletable only once nothing holds its money.
 */
final class WalletAccountData implements AccountDataProvider {
  private static final int EXPORT_ROWS_MAX = 10_000;

  private final WalletService wallet;
  private final ChatTransferService transfers;
  private final RedPacketService redPackets;

  WalletAccountData(
      WalletService wallet, ChatTransferService transfers, RedPacketService redPackets) {
    this.wallet = wallet;
    this.transfers = transfers;
    this.redPackets = redPackets;
  }

  @Override
  public String sectionName() {
    return "wallet";
  }

  @Override
  public Object export(String accountId) {
    Map<String, Object> section = new LinkedHashMap<>(wallet.export(accountId));
    section.put("chatTransfers", transfers.export(accountId, EXPORT_ROWS_MAX));
    section.put("redPackets", redPackets.export(accountId, EXPORT_ROWS_MAX));
    return section;
  }

  @Override
  public void checkDeletable(String accountId) {
    wallet.checkDeletable(accountId);
    // Money held for the account's own pending transfers and open red packets would come
    // back to it after deletion, where nobody could spend it.
    if (transfers.hasPendingSentBy(accountId) || redPackets.hasOpenSentBy(accountId)) {
      throw new WalletError.BalanceNotZero(
          "Your pending transfers or red packets still hold money; wait until they are settled.");
    }
  }

  @Override
  public void onAccountDeleted(String accountId) {
    // Ledger records stay, under the pseudonymous account id: bookkeeping must be kept, and
    // the balance was zero (checkDeletable). Nothing personal is stored with them.
  }
}
