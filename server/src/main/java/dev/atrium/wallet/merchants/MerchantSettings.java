package dev.atrium.wallet.merchants;

/**
 * @param countryCode ISO 3166 alpha-2 country written into merchant QR codes (tag 58)
 * @param orderTtlSeconds how long a dynamic QR code's order can be paid
 */
public record MerchantSettings(String countryCode, int orderTtlSeconds) {
  public MerchantSettings {
    if (countryCode == null || !countryCode.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("wallet.merchants.countryCode must be two upper-case letters such as DE");
    }
  }
}
