// This device's MLS keys: its signature identity (created once, registered with the server's
// key directory), its key packages (private halves kept here, public halves uploaded, topped up
// when the server holds few), and the trust-on-first-use record of other devices' keys.
import type { ClaimedKeyPackage, DeviceKey, KeyPackageCount, KeyPackageUpload } from '../api/types';
import type { LocalDb } from '../store/local-db';
import {
  CIPHERSUITE_ID,
  MlsSession,
  bytesEqual,
  createDeviceIdentity,
  fromBase64,
  toBase64,
  type DeviceIdentity,
  type GeneratedKeyPackage,
  type KeyDirectory,
} from './mls';

/** The key-directory calls of the server API the keyring uses. */
export interface KeysApi {
  registerIdentityKey(ciphersuite: number, signaturePublicKey: string): Promise<DeviceKey>;
  listDeviceKeys(accountId: string): Promise<DeviceKey[]>;
  uploadKeyPackages(keyPackages: KeyPackageUpload[], lastResort?: KeyPackageUpload): Promise<KeyPackageCount>;
  countKeyPackages(): Promise<KeyPackageCount>;
  claimKeyPackages(accountId: string, ciphersuite: number): Promise<{ keyPackages: ClaimedKeyPackage[] }>;
}

/** Below this many one-time key packages on the server, the device uploads more. */
export const KEY_PACKAGES_LOW = 10;
/** How many one-time key packages the device keeps on the server after topping up. */
export const KEY_PACKAGES_TARGET = 30;

const DIRECTORY_CACHE_MILLIS = 30_000;
const IDENTITY_KEY = 'identity';
const KEY_PACKAGE_PREFIX = 'kp:';
const TRUST_PREFIX = 'trust:';

interface StoredIdentity extends DeviceIdentity {
  registered: boolean;
}

interface StoredKeyPackage {
  publicBytes: Uint8Array;
  privateKeys: GeneratedKeyPackage['privateKeys'];
  lastResort: boolean;
}

/** What this device has seen of another account's device keys (trust on first use). */
export interface TrustRecord {
  /** deviceId -> signature key (base64) as first seen. */
  devices: Record<string, string>;
  /** Set when a known device showed another key, or a new device appeared after the first sight. */
  changedAt?: number;
  /** A device whose key changed: refused until the user looks at it. */
  mismatchDeviceIds?: string[];
}

export class Keyring {
  private session?: MlsSession;
  private replenishing?: Promise<KeyPackageCount>;
  /** Recently fetched device keys per account, so one join does not ask once per leaf. */
  private readonly directoryCache = new Map<string, { keys: Promise<DeviceKey[]>; fetchedAt: number }>();

  constructor(
    private readonly db: LocalDb,
    private readonly api: KeysApi,
    private readonly accountId: string,
    private readonly deviceId: string,
  ) {}

  /** Loads or creates this device's identity and makes sure the server knows its key. */
  async start(): Promise<MlsSession> {
    let identity = await this.db.get<StoredIdentity>(IDENTITY_KEY);
    if (!identity || identity.accountId !== this.accountId || identity.deviceId !== this.deviceId) {
      identity = { ...(await createDeviceIdentity(this.accountId, this.deviceId)), registered: false };
      await this.db.setMany([[IDENTITY_KEY, identity]]);
    }
    if (!identity.registered) {
      await this.api.registerIdentityKey(CIPHERSUITE_ID, toBase64(identity.signaturePublicKey));
      identity = { ...identity, registered: true };
      await this.db.setMany([[IDENTITY_KEY, identity]]);
    }
    this.session = new MlsSession(identity, this.directory());
    return this.session;
  }

  mls(): MlsSession {
    if (!this.session) throw new Error('keyring not started');
    return this.session;
  }

  /** Uploads key packages when the server holds fewer than KEY_PACKAGES_LOW, and a last-resort one if missing. */
  replenish(): Promise<KeyPackageCount> {
    // One top-up at a time: two at once would both see the count low and upload twice.
    this.replenishing ??= this.topUp().finally(() => {
      this.replenishing = undefined;
    });
    return this.replenishing;
  }

  private async topUp(): Promise<KeyPackageCount> {
    const count = await this.api.countKeyPackages();
    const missing = count.count < KEY_PACKAGES_LOW ? KEY_PACKAGES_TARGET - count.count : 0;
    if (missing === 0 && count.lastResort) return count;
    const oneTime: GeneratedKeyPackage[] = [];
    for (let i = 0; i < missing; i++) oneTime.push(await this.mls().generateKeyPackage());
    const lastResort = count.lastResort ? undefined : await this.mls().generateKeyPackage();
    // The private halves are saved before the public ones leave, so every Welcome can be opened.
    const entries: [string, StoredKeyPackage][] = oneTime.map((kp) => [
      KEY_PACKAGE_PREFIX + kp.ref,
      { publicBytes: kp.publicBytes, privateKeys: kp.privateKeys, lastResort: false },
    ]);
    if (lastResort) {
      entries.push([
        KEY_PACKAGE_PREFIX + lastResort.ref,
        { publicBytes: lastResort.publicBytes, privateKeys: lastResort.privateKeys, lastResort: true },
      ]);
    }
    await this.db.setMany(entries);
    const upload = (kp: GeneratedKeyPackage) => ({ ciphersuite: CIPHERSUITE_ID, data: toBase64(kp.publicBytes) });
    return this.api.uploadKeyPackages(oneTime.map(upload), lastResort ? upload(lastResort) : undefined);
  }

  async findKeyPackage(ref: string): Promise<StoredKeyPackage | undefined> {
    return this.db.get<StoredKeyPackage>(KEY_PACKAGE_PREFIX + ref);
  }

  /** Deletes a used one-time key package's private half; a last-resort one stays. */
  async forgetKeyPackage(ref: string): Promise<void> {
    const stored = await this.findKeyPackage(ref);
    if (stored && !stored.lastResort) await this.db.del(KEY_PACKAGE_PREFIX + ref);
  }

  /** One key package per device of the account (never this device), to add them to a group. */
  async claim(accountId: string): Promise<{ bytes: Uint8Array; accountId: string; deviceId: string }[]> {
    const { keyPackages } = await this.api.claimKeyPackages(accountId, CIPHERSUITE_ID);
    return keyPackages
      .filter((kp) => kp.ciphersuite === CIPHERSUITE_ID)
      .map((kp) => ({ bytes: fromBase64(kp.data), accountId, deviceId: kp.deviceId }));
  }

  async trust(accountId: string): Promise<TrustRecord | undefined> {
    return this.db.get<TrustRecord>(TRUST_PREFIX + accountId);
  }

  /** The user has seen the warning: the current keys become the trusted ones. */
  async acceptKeys(accountId: string): Promise<void> {
    this.directoryCache.delete(accountId);
    const keys = await this.fetchKeys(accountId);
    const devices = Object.fromEntries(keys.map((key) => [key.deviceId, key.signaturePublicKey]));
    await this.db.setMany([[TRUST_PREFIX + accountId, { devices } satisfies TrustRecord]]);
  }

  /** The account's devices with their registered keys (cached for a short while). */
  deviceKeys(accountId: string, maxAgeMillis = DIRECTORY_CACHE_MILLIS): Promise<DeviceKey[]> {
    return this.fetchKeys(accountId, maxAgeMillis);
  }

  /** Forgets fetched keys, so the next check asks the server again. */
  refreshDirectory(): void {
    this.directoryCache.clear();
  }

  private fetchKeys(accountId: string, maxAgeMillis = DIRECTORY_CACHE_MILLIS): Promise<DeviceKey[]> {
    const cached = this.directoryCache.get(accountId);
    if (cached && Date.now() - cached.fetchedAt < maxAgeMillis) return cached.keys;
    const keys = this.api.listDeviceKeys(accountId);
    this.directoryCache.set(accountId, { keys, fetchedAt: Date.now() });
    keys.catch(() => this.directoryCache.delete(accountId));
    return keys;
  }

  /**
   * The server's directory with trust on first use on top: the first keys seen for an account
   * are remembered; a new device later is flagged (accepted, as the server vouches for it), a
   * known device with another key is flagged and refused.
   */
  private directory(): KeyDirectory {
    return {
      signatureKey: async (accountId, deviceId) => {
        let keys = await this.fetchKeys(accountId).catch((error: unknown) => {
          console.warn(`keys of ${accountId} not fetched to check device ${deviceId}:`, String(error));
          throw error;
        });
        if (!keys.some((key) => key.deviceId === deviceId)) {
          this.directoryCache.delete(accountId); // a device registered since the last look
          keys = await this.fetchKeys(accountId);
        }
        const key = keys.find((candidate) => candidate.deviceId === deviceId);
        if (!key) return undefined;
        if (accountId === this.accountId && deviceId === this.deviceId) {
          const own = this.mls().identity.signaturePublicKey;
          return bytesEqual(own, fromBase64(key.signaturePublicKey)) ? own : undefined;
        }
        const trusted = await this.checkTrust(accountId, deviceId, key.signaturePublicKey, keys);
        return trusted ? fromBase64(key.signaturePublicKey) : undefined;
      },
    };
  }

  private async checkTrust(accountId: string, deviceId: string, keyBase64: string, all: DeviceKey[]): Promise<boolean> {
    const record = await this.trust(accountId);
    if (!record) {
      const devices = Object.fromEntries(all.map((key) => [key.deviceId, key.signaturePublicKey]));
      await this.db.setMany([[TRUST_PREFIX + accountId, { devices } satisfies TrustRecord]]);
      return true;
    }
    const known = record.devices[deviceId];
    if (known === keyBase64) return true;
    const changed: TrustRecord =
      known === undefined
        ? { ...record, devices: { ...record.devices, [deviceId]: keyBase64 }, changedAt: Date.now() }
        : { ...record, changedAt: Date.now(), mismatchDeviceIds: [...(record.mismatchDeviceIds ?? []), deviceId] };
    await this.db.setMany([[TRUST_PREFIX + accountId, changed]]);
    return known === undefined;
  }
}
