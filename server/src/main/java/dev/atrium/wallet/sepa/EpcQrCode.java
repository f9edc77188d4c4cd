package dev.atrium.wallet.sepa;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of an EPC QR code ("GiroCode", EPC069-12 version 002) asking a banking app for a SEPA
 * credit transfer to the operator: BIC (optional in version 002), beneficiary name, IBAN, optional
 * amount, and either a structured creditor reference or unstructured text. Immutable.
 *
 * <p>We always use the structured reference for top-ups: banks must pass it on unchanged, while
 * unstructured text is often shortened or edited by the payer.
 */
record EpcQrCode(
    Bic bic,
    String beneficiaryName,
    Iban iban,
    Long amountCents,
    String purpose,
    CreditorReference reference,
    String unstructuredRemittance,
    String beneficiaryToOriginatorInformation) {
  /** EPC069-12: the whole payload may not exceed 331 bytes. */
  static final int PAYLOAD_BYTES_MAX = 331;

  public static final int NAME_LENGTH_MAX = 70;
  static final int UNSTRUCTURED_LENGTH_MAX = 140;
  static final int INFORMATION_LENGTH_MAX = 70;

  /** EPC069-12: 0.01 to 999,999,999.99 euros. */
  static final long AMOUNT_CENTS_MAX = 99_999_999_999L;

  public EpcQrCode {
    if (beneficiaryName == null
        || beneficiaryName.isBlank()
        || beneficiaryName.length() > NAME_LENGTH_MAX) {
      throw new IllegalArgumentException("The beneficiary name must be 1-70 characters");
    }
    if (iban == null) {
      throw new IllegalArgumentException("The IBAN is required");
    }
    if (amountCents != null && (amountCents < 1 || amountCents > AMOUNT_CENTS_MAX)) {
      throw new IllegalArgumentException("The amount must be 0.01 to 999999999.99 euros");
    }
    if (purpose != null && !purpose.matches("[A-Z]{4}")) {
      throw new IllegalArgumentException(
          "The purpose is a four-letter ISO 20022 code such as GDDS");
    }
    if (reference != null && unstructuredRemittance != null) {
      throw new IllegalArgumentException(
          "EPC069-12 allows a structured reference or text, not both");
    }
    if (unstructuredRemittance != null
        && unstructuredRemittance.length() > UNSTRUCTURED_LENGTH_MAX) {
      throw new IllegalArgumentException("The remittance text must be at most 140 characters");
    }
    if (beneficiaryToOriginatorInformation != null
        && beneficiaryToOriginatorInformation.length() > INFORMATION_LENGTH_MAX) {
      throw new IllegalArgumentException(
          "The information to the payer must be at most 70 characters");
    }
  }

  /** A top-up request: structured reference, optional amount, no free text. */
  public static EpcQrCode topUp(
      Bic bic, String name, Iban iban, Long amountCents, CreditorReference reference) {
    return new EpcQrCode(bic, name, iban, amountCents, null, reference, null, null);
  }

  /**
   * The payload: one element per line, LF-separated, trailing empty elements left out as the
   * specification allows. Fields in order: service tag, version, character set (1 = UTF-8),
   * identification, BIC, name, IBAN, amount, purpose, structured reference, text, information.
   */
  public String payload() {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "BCD",
                "002",
                "1",
                "SCT",
                bic == null ? "" : bic.value(),
                singleLine(beneficiaryName),
                iban.value(),
                amountCents == null ? "" : "EUR" + shortestEuros(amountCents),
                purpose == null ? "" : purpose,
                reference == null ? "" : reference.value(),
                unstructuredRemittance == null ? "" : singleLine(unstructuredRemittance),
                beneficiaryToOriginatorInformation == null
                    ? ""
                    : singleLine(beneficiaryToOriginatorInformation)));
    while (lines.getLast().isEmpty()) {
      lines.removeLast();
    }
    String payload = String.join("\n", lines);
    if (payload.getBytes(StandardCharsets.UTF_8).length > PAYLOAD_BYTES_MAX) {
      throw new IllegalArgumentException("An EPC QR payload may not exceed 331 bytes");
    }
    return payload;
  }

  /**
   * Cents as euros without trailing zeros, as in the specification's examples ("EUR1", "EUR12.3").
   */
  static String shortestEuros(long cents) {
    return BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString();
  }

  /** Cents as euros with two decimals and a point, as EPC069-12 writes amounts ("12.34"). */
  static String euros(long cents) {
    return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
  }

  /** A line break inside a field would shift every later field, so they become spaces. */
  private static String singleLine(String text) {
    return text.replace('\r', ' ').replace('\n', ' ');
  }
}
