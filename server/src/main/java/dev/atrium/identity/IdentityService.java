package dev.atrium.identity;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.UniqueViolation;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.DeviceRevocationListener;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.PasswordHasher;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, devices and sessions: registration, login, profile, revocation, export and deletion.
 * Passwords are hashed outside transactions (hashing is slow); each state change is one
 * transaction. Thread-safe.
 */
public final class IdentityService {
  static final String TOKEN_PREFIX = "atr";
  private static final long LAST_SEEN_RESOLUTION_MILLIS = 60_000;
  private static final int DEVICES_LIST_MAX = 1000;

  /** Ids per {@link #findActiveByIds} call, so one call is one bounded query. */
  public static final int ACCOUNTS_PER_LOOKUP_MAX = 500;

  private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);

  private final Database database;
  private final PasswordHasher passwords;
  private final RateLimits rateLimits;
  private final Clock clock;
  private final IdentitySettings settings;
  private final AccountStore accounts = new AccountStore();
  private final DeviceStore devices = new DeviceStore();
  private final InviteStore invites = new InviteStore();
  private final SettingsStore settingsStore = new SettingsStore();
  private final List<DeviceRevocationListener> revocationListeners = new CopyOnWriteArrayList<>();
  private final List<AccountDataProvider> dataProviders = new CopyOnWriteArrayList<>();

  IdentityService(
      Database database,
      PasswordHasher passwords,
      RateLimits rateLimits,
      Clock clock,
      IdentitySettings settings) {
    this.database = database;
    this.passwords = passwords;
    this.rateLimits = rateLimits;
    this.clock = clock;
    this.settings = settings;
  }

  /** A new device's session: the token is returned once and stored only as a hash. */
  public record Session(Account account, Device device, String token) {}

  /** What a new account is made of, already checked for shape by the routes. */
  record Registration(
      String username,
      String password,
      String displayName,
      Language language,
      String inviteCode,
      String deviceName) {}

  public void addRevocationListener(DeviceRevocationListener listener) {
    revocationListeners.add(listener);
  }

  /** Adds a feature's data to exports and to account deletion. */
  public void addAccountDataProvider(AccountDataProvider provider) {
    dataProviders.add(provider);
  }

  Session register(Registration registration, String clientAddress) {
    String username = IdentityRules.username(registration.username());
    IdentityRules.password(registration.password(), "password");
    rateLimits.acquire(RateLimiter.REGISTRATION_PER_IP, clientAddress);
    rateLimits.acquire(RateLimiter.REGISTRATION_PER_USERNAME, username);
    RegistrationMode mode = registrationMode();
    if (mode == RegistrationMode.CLOSED) {
      throw new IdentityError.RegistrationClosed();
    }
    if (mode == RegistrationMode.INVITE_ONLY && registration.inviteCode() == null) {
      throw new IdentityError.InviteRequired();
    }
    String passwordHash = passwords.hash(registration.password());
    long now = clock.millis();
    Account account =
        new Account(
            SecretTokens.newId(),
            username,
            registration.displayName(),
            registration.language(),
            AccountStatus.ACTIVE,
            1,
            now,
            now);
    String token = SecretTokens.newSecret(TOKEN_PREFIX);
    Device device =
        new Device(SecretTokens.newId(), account.id(), registration.deviceName(), now, now);
    try {
      database.inTransaction(
          handle -> {
            accounts.insert(handle, account, passwordHash);
            if (mode == RegistrationMode.INVITE_ONLY
                && !invites.redeem(
                    handle, SecretTokens.sha256Hex(registration.inviteCode()), account.id(), now)) {
              throw new IdentityError.InviteInvalid();
            }
            accounts.reserveDeviceSlot(handle, account.id(), settings.devicesPerAccountMax());
            devices.insert(handle, device, SecretTokens.sha256Hex(token));
            return null;
          });
    } catch (UniqueViolation e) {
      throw new IdentityError.UsernameTaken();
    }
    LOG.info("event=account_registered accountId={} deviceId={}", account.id(), device.id());
    return new Session(account, device, token);
  }

  Session login(String rawUsername, String password, String deviceName, String clientAddress) {
    String username = IdentityRules.usernameForLookup(rawUsername);
    rateLimits.acquire(RateLimiter.LOGIN_PER_IP, clientAddress);
    rateLimits.acquire(RateLimiter.LOGIN_PER_USERNAME, username);
    Optional<AccountStore.Credentials> credentials =
        database.read(handle -> accounts.credentialsByUsername(handle, username));
    if (credentials.isEmpty() || credentials.get().passwordHash() == null) {
      passwords.verifyAgainstDummy(password);
      throw new IdentityError.InvalidCredentials();
    }
    if (!passwords.verify(password, credentials.get().passwordHash())) {
      throw new IdentityError.InvalidCredentials();
    }
    Account account = credentials.get().account();
    if (account.status() != AccountStatus.ACTIVE) {
      throw new IdentityError.AccountDisabled();
    }
    Optional<String> upgradedHash =
        passwords.needsRehash(credentials.get().passwordHash())
            ? Optional.of(passwords.hash(password))
            : Optional.empty();
    long now = clock.millis();
    String token = SecretTokens.newSecret(TOKEN_PREFIX);
    Device device = new Device(SecretTokens.newId(), account.id(), deviceName, now, now);
    database.inTransaction(
        handle -> {
          if (!accounts.reserveDeviceSlot(handle, account.id(), settings.devicesPerAccountMax())) {
            throw new IdentityError.DeviceLimitReached(settings.devicesPerAccountMax());
          }
          devices.insert(handle, device, SecretTokens.sha256Hex(token));
          upgradedHash.ifPresent(
              hash -> accounts.updatePasswordHash(handle, account.id(), hash, now));
          return null;
        });
    LOG.info("event=device_logged_in accountId={} deviceId={}", account.id(), device.id());
    return new Session(account, device, token);
  }

  /** The caller behind a bearer token, if the token is current and its account active. */
  public Optional<Caller> authenticate(String token) {
    if (!token.startsWith(TOKEN_PREFIX + "_") || token.length() > 128) {
      return Optional.empty();
    }
    String tokenHash = SecretTokens.sha256Hex(token);
    Optional<DeviceStore.TokenOwner> owner =
        database.read(handle -> devices.findByTokenHash(handle, tokenHash));
    if (owner.isEmpty() || owner.get().accountStatus() != AccountStatus.ACTIVE) {
      return Optional.empty();
    }
    Device device = owner.get().device();
    long now = clock.millis();
    if (now - device.lastSeenAtMillis() >= LAST_SEEN_RESOLUTION_MILLIS) {
      database.inTransaction(
          handle -> {
            devices.touch(handle, device.id(), now);
            return null;
          });
    }
    return Optional.of(new Caller(device.accountId(), device.id()));
  }

  public Account account(String accountId) {
    return database
        .read(handle -> accounts.findById(handle, accountId))
        .orElseThrow(() -> new IdentityError.NotFound("account"));
  }

  /** True when the account exists and may act (not disabled or deleted). */
  public boolean isActive(String accountId) {
    return database
        .read(handle -> accounts.findById(handle, accountId))
        .map(account -> account.status() == AccountStatus.ACTIVE)
        .orElse(false);
  }

  /**
   * The owning account of each current device among {@code deviceIds} (at most 2,000 asked at
   * once).
   */
  public java.util.Map<String, String> deviceOwners(java.util.Collection<String> deviceIds) {
    if (deviceIds.isEmpty()) {
      return java.util.Map.of();
    }
    dev.atrium.platform.limits.Invariants.check(
        deviceIds.size() <= 2_000, "device lookups are bounded");
    return database.read(handle -> devices.owners(handle, deviceIds));
  }

  /**
   * The active account with this exact username, for features that address people by username (a
   * contact request). Not rate-limited here: the calling feature applies its own limit.
   */
  public Optional<Account> findActiveByUsername(String rawUsername) {
    String username = IdentityRules.usernameForLookup(rawUsername);
    return database
        .read(handle -> accounts.findByUsername(handle, username))
        .filter(account -> account.status() == AccountStatus.ACTIVE);
  }

  /**
   * The active accounts among {@code accountIds}, by id: disabled, deleted and unknown ids are
   * simply absent, so features show other people only while they can be reached.
   */
  public Map<String, Account> findActiveByIds(Collection<String> accountIds) {
    if (accountIds.size() > ACCOUNTS_PER_LOOKUP_MAX) {
      throw new IllegalArgumentException("At most " + ACCOUNTS_PER_LOOKUP_MAX + " ids per lookup");
    }
    List<String> ids = accountIds.stream().distinct().toList();
    Map<String, Account> found = new LinkedHashMap<>();
    for (Account account : database.read(handle -> accounts.findByIds(handle, ids))) {
      if (account.status() == AccountStatus.ACTIVE) {
        found.put(account.id(), account);
      }
    }
    return found;
  }

  Account updateProfile(String accountId, String displayName, Language language) {
    return database.inTransaction(
        handle -> {
          Account current =
              accounts
                  .findById(handle, accountId)
                  .orElseThrow(() -> new IdentityError.NotFound("account"));
          accounts.updateProfile(
              handle,
              accountId,
              displayName == null ? current.displayName() : displayName,
              language == null ? current.language() : language,
              clock.millis());
          return accounts.findById(handle, accountId).orElseThrow();
        });
  }

  List<Device> devices(String accountId) {
    return database.read(handle -> devices.listByAccount(handle, accountId, DEVICES_LIST_MAX));
  }

  /**
   * The ids of the account's devices (sessions that are logged in), for features that reach them.
   */
  public List<String> deviceIds(String accountId) {
    return devices(accountId).stream().map(Device::id).toList();
  }

  /** Revokes one of the caller's own devices; a device of another account is "not found". */
  void revokeDevice(String accountId, String deviceId) {
    boolean deleted =
        database.inTransaction(
            handle -> {
              boolean removed = devices.delete(handle, accountId, deviceId);
              if (removed) {
                accounts.releaseDeviceSlots(handle, accountId, 1);
              }
              return removed;
            });
    if (!deleted) {
      throw new IdentityError.NotFound("device");
    }
    LOG.info("event=device_revoked accountId={} deviceId={}", accountId, deviceId);
    notifyRevoked(accountId, List.of(deviceId));
  }

  void changePassword(Caller caller, String currentPassword, String newPassword) {
    IdentityRules.password(newPassword, "newPassword");
    requirePassword(caller.accountId(), currentPassword);
    String newHash = passwords.hash(newPassword);
    List<String> revoked =
        database.inTransaction(
            handle -> {
              accounts.updatePasswordHash(handle, caller.accountId(), newHash, clock.millis());
              return revokeAllExcept(handle, caller.accountId(), caller.deviceId());
            });
    LOG.info(
        "event=password_changed accountId={} revokedDevices={}",
        caller.accountId(),
        revoked.size());
    notifyRevoked(caller.accountId(), revoked);
  }

  AccountExport export(String accountId) {
    AccountExport export =
        database.read(
            handle -> {
              Account account =
                  accounts
                      .findById(handle, accountId)
                      .orElseThrow(() -> new IdentityError.NotFound("account"));
              List<Device> deviceList = devices.listByAccount(handle, accountId, DEVICES_LIST_MAX);
              boolean invited = invites.usedBy(handle, accountId);
              return AccountExport.of(account, deviceList, invited, clock.millis());
            });
    for (AccountDataProvider provider : dataProviders) {
      export.sections().put(provider.sectionName(), provider.export(accountId));
    }
    return export;
  }

  /**
   * Erases the account's personal data and sessions; the id stays as a pseudonym for records that
   * must remain.
   */
  void deleteAccount(Caller caller, String password) {
    requirePassword(caller.accountId(), password);
    for (AccountDataProvider provider : dataProviders) {
      provider.checkDeletable(caller.accountId());
    }
    List<String> revoked =
        database.inTransaction(
            handle -> {
              List<String> removed = revokeAllExcept(handle, caller.accountId(), null);
              accounts.pseudonymise(handle, caller.accountId(), clock.millis());
              return removed;
            });
    LOG.info("event=account_deleted accountId={}", caller.accountId());
    notifyRevoked(caller.accountId(), revoked);
    for (AccountDataProvider provider : dataProviders) {
      try {
        provider.onAccountDeleted(caller.accountId());
      } catch (RuntimeException e) {
        LOG.error(
            "Deleting account data failed section={} accountId={}",
            provider.sectionName(),
            caller.accountId(),
            e);
      }
    }
  }

  /** Exact-username lookup; never lists or matches partially, so accounts cannot be enumerated. */
  Account lookup(Caller caller, String rawUsername) {
    rateLimits.acquire(RateLimiter.LOOKUP_PER_ACCOUNT, caller.accountId());
    String username = IdentityRules.usernameForLookup(rawUsername);
    return database
        .read(handle -> accounts.findByUsername(handle, username))
        .filter(account -> account.status() == AccountStatus.ACTIVE)
        .orElseThrow(() -> new IdentityError.NotFound("user"));
  }

  // Operator actions, used by `atrium admin`.

  public RegistrationMode registrationMode() {
    return database
        .read(handle -> settingsStore.get(handle, SettingsStore.REGISTRATION_MODE))
        .flatMap(RegistrationMode::parse)
        .orElse(settings.registrationModeDefault());
  }

  public void setRegistrationMode(RegistrationMode mode) {
    database.inTransaction(
        handle -> {
          settingsStore.put(
              handle, SettingsStore.REGISTRATION_MODE, mode.configName(), clock.millis());
          return null;
        });
  }

  /** Makes single-use invite codes; the codes are returned once and stored only as hashes. */
  public List<String> createInvites(int count, Long validForMillis, String note) {
    long now = clock.millis();
    Long expiresAt = validForMillis == null ? null : now + validForMillis;
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      codes.add(SecretTokens.newSecret("inv"));
    }
    database.inTransaction(
        handle -> {
          for (String code : codes) {
            invites.insert(handle, SecretTokens.sha256Hex(code), note, now, expiresAt);
          }
          return null;
        });
    return codes;
  }

  public List<Account> listAccounts(String afterUsername, int rowsMax) {
    return database.read(
        handle -> accounts.list(handle, afterUsername == null ? "" : afterUsername, rowsMax));
  }

  /** Disables or re-enables an account; disabling revokes every device at once. */
  public Account setDisabled(String rawUsername, boolean disabled) {
    String username = IdentityRules.usernameForLookup(rawUsername);
    Account account =
        database
            .read(handle -> accounts.findByUsername(handle, username))
            .orElseThrow(() -> new IdentityError.NotFound("user"));
    List<String> revoked =
        database.inTransaction(
            handle -> {
              accounts.updateStatus(
                  handle,
                  account.id(),
                  disabled ? AccountStatus.DISABLED : AccountStatus.ACTIVE,
                  clock.millis());
              return disabled ? revokeAllExcept(handle, account.id(), null) : List.<String>of();
            });
    notifyRevoked(account.id(), revoked);
    return database.read(handle -> accounts.findById(handle, account.id())).orElseThrow();
  }

  private List<String> revokeAllExcept(Handle handle, String accountId, String keptDeviceId) {
    List<String> revoked = new ArrayList<>();
    for (Device device : devices.listByAccount(handle, accountId, DEVICES_LIST_MAX)) {
      if (!device.id().equals(keptDeviceId) && devices.delete(handle, accountId, device.id())) {
        revoked.add(device.id());
      }
    }
    accounts.releaseDeviceSlots(handle, accountId, revoked.size());
    return revoked;
  }

  /**
   * Checks an account's password (rate-limited like login); throws wrong_password. For the wallet's
   * PIN reset.
   */
  public void verifyPassword(String accountId, String password) {
    requirePassword(accountId, password);
  }

  private void requirePassword(String accountId, String password) {
    // Guessing the password through a stolen token is limited like guessing it at login.
    rateLimits.acquire(RateLimiter.LOGIN_PER_USERNAME, "account:" + accountId);
    String hash =
        database
            .read(handle -> accounts.passwordHash(handle, accountId))
            .orElseThrow(() -> new IdentityError.NotFound("account"));
    if (!passwords.verify(password, hash)) {
      throw new IdentityError.WrongPassword();
    }
  }

  private void notifyRevoked(String accountId, List<String> deviceIds) {
    for (String deviceId : deviceIds) {
      for (DeviceRevocationListener listener : revocationListeners) {
        try {
          listener.onDeviceRevoked(accountId, deviceId);
        } catch (RuntimeException e) {
          LOG.error("Revocation listener failed accountId={} deviceId={}", accountId, deviceId, e);
        }
      }
    }
  }
}
