package dev.atrium.wallet.merchants;

import dev.atrium.platform.config.ConfigException;
import dev.atrium.platform.config.ConfigTree;

/**
 * The merchants feature's settings, read from {@code wallet.merchants}.
 *
 * @param countryCode ISO 3166 alpha-2 country written into merchant QR codes (tag 58)
 * @param orderTtlSeconds how long a dynamic QR code's order can be paid
 */
public record MerchantSettings(String countryCode, int orderTtlSeconds) {
  public MerchantSettings {
    if (countryCode == null || !countryCode.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException(
          "wallet.merchants.countryCode must be two upper-case letters such as DE");
    }
  }

  /** Reads the {@code wallet.merchants.*} settings. */
  public static MerchantSettings read(ConfigTree config) {
    try {
      return new MerchantSettings(
          config.text("wallet.merchants.countryCode", "ATRIUM_MERCHANT_COUNTRY_CODE", "DE"),
          config.integer("wallet.merchants.orderTtlSeconds", null, 900, 30, 86_400));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
