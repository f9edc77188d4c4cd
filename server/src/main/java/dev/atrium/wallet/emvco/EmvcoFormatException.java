package dev.atrium.wallet.emvco;

/** A QR payload that is not a valid EMVCo merchant-presented code; the message says why. */
public final class EmvcoFormatException extends IllegalArgumentException {
  public EmvcoFormatException(String why) {
    super("Not a valid EMVCo QR code: " + why + ".");
  }
}
