package dev.atrium.platform.limits;

/**
 * Every rate limit in the product, in one place (as Signal's RateLimiters): the name an operator
 * configures and the default rule.
 */
public enum RateLimiter {
  LOGIN_PER_IP("loginPerIp", "login attempts from this address", new RateRule(30, 60)),
  LOGIN_PER_USERNAME("loginPerUsername", "login attempts for this account", new RateRule(10, 60)),
  REGISTRATION_PER_IP(
      "registrationPerIp", "registrations from this address", new RateRule(10, 3600)),
  REGISTRATION_PER_USERNAME(
      "registrationPerUsername", "registration attempts for this username", new RateRule(5, 3600)),
  DEVICE_LINK_PER_IP(
      "deviceLinkPerIp", "device links requested from this address", new RateRule(20, 3600)),
  // A new browser polls about every two seconds while its QR code is shown.
  DEVICE_LINK_POLL_PER_IP(
      "deviceLinkPollPerIp", "device link polls from this address", new RateRule(120, 60)),
  LOOKUP_PER_ACCOUNT("lookupPerAccount", "username lookups", new RateRule(60, 60)),
  // Enough to add a whole circle of friends at once, while spraying requests stays slow.
  CONTACT_REQUEST_PER_ACCOUNT(
      "contactRequestPerAccount", "contact requests", new RateRule(100, 86_400)),
  // A burst big enough to start one group of 1,000 people; draining someone's key packages stays
  // slow
  // (and never locks them out: the last-resort key package remains).
  KEY_PACKAGE_CLAIM_PER_ACCOUNT(
      "keyPackageClaimPerAccount", "key package claims", new RateRule(1000, 3600)),
  // Opening mini-programs is a human act; a script minting codes is not.
  MINIAPP_LOGIN_CODE_PER_ACCOUNT(
      "miniappLoginCodePerAccount", "mini-program login codes", new RateRule(120, 3600)),
  // A mini-program's server sending notices, in all: a burst of 10, then 10 a second.
  MINIAPP_NOTICE_PER_APP(
      "miniappNoticePerApp", "notices sent by this mini-program", new RateRule(10, 1)),
  // One mini-program to one person: credits bound it already, this stops a burst of many.
  MINIAPP_NOTICE_PER_APP_USER(
      "miniappNoticePerAppUser",
      "notices from this mini-program to this person",
      new RateRule(30, 3600));

  private final String configName;
  private final String description;

  @SuppressWarnings("ImmutableEnumChecker") // RateRule is a record of two numbers: immutable
  private final RateRule defaultRule;

  RateLimiter(String configName, String description, RateRule defaultRule) {
    this.configName = configName;
    this.description = description;
    this.defaultRule = defaultRule;
  }

  public String configName() {
    return configName;
  }

  /** What is being limited, as a phrase for the error message ("Too many ..."). */
  public String description() {
    return description;
  }

  public RateRule defaultRule() {
    return defaultRule;
  }
}
