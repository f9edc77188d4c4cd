package dev.atrium.keys;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MLS key directory (the delivery service's part of RFC 9420 and RFC 9750): each device's
 * signature key, registered once; its one-time key packages, each handed out at most once; and its
 * last-resort key package, handed out when none is left. Who may see an account's keys is the
 * {@link KeyVisibility} given by the composition root. Thread-safe.
 */
public final class KeysService {
  /** Far above the configurable devices per account. */
  static final int DEVICES_PER_ACCOUNT_MAX = 1000;

  /**
   * Key packages a claim tries per round, in random order, so concurrent claims mostly take
   * different ones.
   */
  private static final int CLAIM_CANDIDATES_MAX = 8;

  private static final Logger LOG = LoggerFactory.getLogger(KeysService.class);

  private final Database database;
  private final RateLimits rateLimits;
  private final Clock clock;
  private final KeysSettings settings;
  private final KeyVisibility visibility;
  private final DeviceKeysReady devicesReady;
  private final DeviceKeyStore deviceKeys = new DeviceKeyStore();
  private final KeyPackageStore keyPackages = new KeyPackageStore();

  KeysService(
      Database database,
      RateLimits rateLimits,
      Clock clock,
      KeysSettings settings,
      KeyVisibility visibility,
      DeviceKeysReady devicesReady) {
    this.database = database;
    this.devicesReady = devicesReady;
    this.rateLimits = rateLimits;
    this.clock = clock;
    this.settings = settings;
    this.visibility = visibility;
  }

  /**
   * Registers the calling device's signature key. The same key again changes nothing; another key
   * is refused, so the server can never swap a device's key without the others seeing a new device.
   */
  DeviceKey registerIdentityKey(Caller caller, int ciphersuite, String signaturePublicKey) {
    DeviceKey candidate =
        new DeviceKey(
            caller.deviceId(),
            caller.accountId(),
            ciphersuite,
            signaturePublicKey,
            0,
            clock.millis());
    DeviceKey stored =
        database.inTransaction(
            handle -> {
              deviceKeys.insertIfAbsent(handle, candidate);
              return deviceKeys.find(handle, caller.deviceId()).orElseThrow();
            });
    if (stored.ciphersuite() != ciphersuite
        || !stored.signaturePublicKey().equals(signaturePublicKey)) {
      throw new KeysError.IdentityKeyImmutable();
    }
    return stored;
  }

  /**
   * The target's devices that registered a key; "not found" when the requester may not see them.
   */
  List<DeviceKey> devices(String requesterAccountId, String targetAccountId) {
    requireVisible(requesterAccountId, targetAccountId);
    return database.read(
        handle -> deviceKeys.listByAccount(handle, targetAccountId, DEVICES_PER_ACCOUNT_MAX));
  }

  /**
   * Stores the calling device's one-time key packages (all or none) and replaces its last-resort
   * one if given. The device's first upload (it had neither kind before) makes it claimable: {@link
   * DeviceKeysReady} hears of it after the transaction.
   */
  KeyPackageCount upload(Caller caller, List<KeyPackage> oneTime, KeyPackage lastResort) {
    long now = clock.millis();
    boolean[] first = new boolean[1];
    KeyPackageCount result =
        database.inTransaction(
            handle -> {
              DeviceKey device =
                  deviceKeys
                      .find(handle, caller.deviceId())
                      .orElseThrow(KeysError.IdentityKeyRequired::new);
              first[0] =
                  device.keyPackageCount() == 0
                      && keyPackages.findLastResort(handle, device.deviceId()).isEmpty()
                      && (!oneTime.isEmpty() || lastResort != null);
              if (!oneTime.isEmpty()
                  && !deviceKeys.reserveKeyPackages(
                      handle,
                      device.deviceId(),
                      oneTime.size(),
                      settings.keyPackagesPerDeviceMax())) {
                throw new KeysError.KeyPackageLimit(
                    device.keyPackageCount(), settings.keyPackagesPerDeviceMax());
              }
              for (KeyPackage keyPackage : oneTime) {
                keyPackages.insert(
                    handle, SecretTokens.newId(), device.deviceId(), keyPackage, now);
              }
              if (lastResort != null) {
                keyPackages.putLastResort(handle, device.deviceId(), lastResort, now);
              }
              return count(handle, device.deviceId());
            });
    if (first[0]) {
      try {
        devicesReady.keysReady(caller.accountId(), caller.deviceId());
      } catch (RuntimeException e) {
        LOG.warn("event=device_keys_ready_failed deviceId={}", caller.deviceId(), e);
      }
    }
    return result;
  }

  KeyPackageCount count(Caller caller) {
    return database.read(handle -> count(handle, caller.deviceId()));
  }

  /**
   * Hands out one key package of the ciphersuite per device of the target, deleting it in the same
   * transaction; a device with none left gives its last-resort one, which stays. Devices without
   * either are left out, and so is the calling device itself.
   */
  List<ClaimedKeyPackage> claim(Caller caller, String targetAccountId, int ciphersuite) {
    rateLimits.acquire(RateLimiter.KEY_PACKAGE_CLAIM_PER_ACCOUNT, caller.accountId());
    requireVisible(caller.accountId(), targetAccountId);
    return database.inTransaction(
        handle -> {
          List<DeviceKey> devices =
              new ArrayList<>(
                  deviceKeys.listByAccount(handle, targetAccountId, DEVICES_PER_ACCOUNT_MAX));
          // The same order in every claim, so concurrent claims lock rows in the same order and
          // cannot deadlock.
          devices.sort(Comparator.comparing(DeviceKey::deviceId));
          List<ClaimedKeyPackage> claimed = new ArrayList<>();
          for (DeviceKey device : devices) {
            if (device.deviceId().equals(caller.deviceId())) {
              continue;
            }
            takeOneTime(handle, device.deviceId(), ciphersuite)
                .map(keyPackage -> new ClaimedKeyPackage(device.deviceId(), keyPackage, false))
                .or(
                    () ->
                        keyPackages
                            .findLastResort(handle, device.deviceId())
                            .filter(keyPackage -> keyPackage.ciphersuite() == ciphersuite)
                            .map(
                                keyPackage ->
                                    new ClaimedKeyPackage(device.deviceId(), keyPackage, true)))
                .ifPresent(claimed::add);
          }
          return claimed;
        });
  }

  /**
   * Deletes one of the device's key packages and returns it. A candidate taken by a concurrent
   * claim meanwhile is skipped; every miss means another claim consumed a package, so the rounds
   * are bounded by how many a device can store.
   */
  private Optional<KeyPackage> takeOneTime(Handle handle, String deviceId, int ciphersuite) {
    int roundsMax = settings.keyPackagesPerDeviceMax() / CLAIM_CANDIDATES_MAX + 2;
    for (int round = 0; round < roundsMax; round++) {
      List<String> candidates =
          new ArrayList<>(
              keyPackages.oldestIds(handle, deviceId, ciphersuite, CLAIM_CANDIDATES_MAX));
      if (candidates.isEmpty()) {
        return Optional.empty();
      }
      Collections.shuffle(candidates, ThreadLocalRandom.current());
      for (String id : candidates) {
        Optional<String> data = keyPackages.take(handle, id);
        if (data.isPresent()) {
          deviceKeys.releaseKeyPackage(handle, deviceId);
          return Optional.of(new KeyPackage(ciphersuite, data.get()));
        }
      }
    }
    LOG.warn("event=key_package_claim_contended deviceId={} rounds={}", deviceId, roundsMax);
    return Optional.empty();
  }

  KeysExport export(String accountId) {
    return database.read(
        handle -> {
          List<KeysExport.ExportedDeviceKey> devices = new ArrayList<>();
          for (DeviceKey device :
              deviceKeys.listByAccount(handle, accountId, DEVICES_PER_ACCOUNT_MAX)) {
            devices.add(
                KeysExport.ExportedDeviceKey.of(
                    device, keyPackages.findLastResort(handle, device.deviceId()).isPresent()));
          }
          return new KeysExport(devices);
        });
  }

  /** Revoking the devices already removed their keys; this sweeps anything left of the account. */
  void deleteAllOf(String accountId) {
    database.inTransaction(
        handle -> {
          deviceKeys.deleteAllOf(handle, accountId);
          return null;
        });
  }

  private KeyPackageCount count(Handle handle, String deviceId) {
    int count = deviceKeys.find(handle, deviceId).map(DeviceKey::keyPackageCount).orElse(0);
    return new KeyPackageCount(count, keyPackages.findLastResort(handle, deviceId).isPresent());
  }

  private void requireVisible(String requesterAccountId, String targetAccountId) {
    if (!visibility.mayView(requesterAccountId, targetAccountId)) {
      throw new KeysError.NotFound("account");
    }
  }
}
