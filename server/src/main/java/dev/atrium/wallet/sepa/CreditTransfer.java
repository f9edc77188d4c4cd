package dev.atrium.wallet.sepa;

/**
 * One payout in a pain.001 file: pay {@code amountCents} to the creditor's account.
 *
 * @param endToEndId our withdrawal's id, carried by the banks to the creditor and back in returns
 *     (at most 35 characters of the SEPA set)
 * @param remittance text the creditor sees on their statement (at most 140 characters)
 */
record CreditTransfer(
    String endToEndId,
    long amountCents,
    String creditorName,
    Iban creditorIban,
    String remittance) {
  public CreditTransfer {
    if (endToEndId == null || !endToEndId.matches("[A-Za-z0-9/\\-?:().,'+ ]{1,35}")) {
      throw new IllegalArgumentException("An end-to-end id is 1-35 characters of the SEPA set");
    }
    if (amountCents < 1 || amountCents > EpcQrCode.AMOUNT_CENTS_MAX) {
      throw new IllegalArgumentException("A SEPA credit transfer is 0.01 to 999999999.99 euros");
    }
    if (creditorName == null || creditorName.isBlank()) {
      throw new IllegalArgumentException("The creditor's name is required");
    }
  }
}
