// The one module that imports ts-mls (pinned to 1.6.4; its 2.x line changes the API). Everything
// else in the client sees opaque bytes and small records: device identities, key packages,
// group states, and the results of encrypting and processing messages. Ciphersuite 1,
// MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519, on WebCrypto.
//
// Authentication is ours: ts-mls's default credential check accepts anything, so every session
// is built with an AuthenticationService that accepts a credential only when it names an
// account and device whose signature key, as registered with the server's key directory,
// equals the key in the leaf (see CredentialVerifier).
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  decodeGroupState,
  decodeMlsMessage,
  defaultCapabilities,
  defaultLifetime,
  emptyPskIndex,
  encodeGroupState,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  processMessage,
  type AuthenticationService,
  type CiphersuiteImpl,
  type ClientConfig,
  type ClientState,
  type Credential,
  type KeyPackage,
  type PrivateKeyPackage,
  type PrivateMessage,
  type Proposal,
  defaultKeyRetentionConfig,
  defaultLifetimeConfig,
  defaultKeyPackageEqualityConfig,
  defaultPaddingConfig,
} from 'ts-mls';
// Not in ts-mls's index, but exported by its package ("./*.js"): used to learn the MLS sender of
// an application message, which processMessage does not return. Same verified decryption.
import { unprotectPrivateMessage } from 'ts-mls/messageProtection.js';
import { makeKeyPackageRef } from 'ts-mls/keyPackage.js';

export const CIPHERSUITE_ID = 1;
const CIPHERSUITE_NAME = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519' as const;
const CREDENTIAL_PREFIX = 'atrium:v1:';

/** This browser's MLS identity: one signature key pair per device, registered with the server. */
export interface DeviceIdentity {
  accountId: string;
  deviceId: string;
  signaturePublicKey: Uint8Array;
  signaturePrivateKey: Uint8Array;
}

/** Who a leaf of a group is, from its (verified) credential. */
export interface MemberLeaf {
  accountId: string;
  deviceId: string;
  leafIndex: number;
}

/** The server's key directory as the credential check needs it. */
export interface KeyDirectory {
  /** The signature key the server has registered for this device, or undefined. */
  signatureKey(accountId: string, deviceId: string): Promise<Uint8Array | undefined>;
}

/** A key package to upload (`publicBytes`) and what this device keeps to join with it later. */
export interface GeneratedKeyPackage {
  /** base64 of the KeyPackageRef, by which a Welcome names the package. */
  ref: string;
  publicBytes: Uint8Array;
  privateKeys: PrivateKeyPackage;
}

/** A group's MLS state. Opaque outside this module; persist it with `encodeState`. */
export interface GroupState {
  readonly state: ClientState;
}

export type ProcessResult =
  | { kind: 'application'; group: GroupState; plaintext: Uint8Array; sender: MemberLeaf }
  | { kind: 'commit'; group: GroupState; removedSelf: boolean }
  | { kind: 'ignored'; group: GroupState };

export interface CommitResult {
  /** The state after the commit; adopt it only once the server accepted the commit. */
  group: GroupState;
  commit: Uint8Array;
  welcome?: Uint8Array;
}

/** Why a credential was refused; the message names no key material. */
export class CredentialRejected extends Error {}

export function credentialIdentity(accountId: string, deviceId: string): string {
  return `${CREDENTIAL_PREFIX}${accountId}:${deviceId}`;
}

/** Parses `atrium:v1:<account>:<device>`, or undefined when the credential is not ours. */
export function parseCredential(credential: Credential): { accountId: string; deviceId: string } | undefined {
  if (credential.credentialType !== 'basic') return undefined;
  const text = new TextDecoder().decode(credential.identity);
  if (!text.startsWith(CREDENTIAL_PREFIX)) return undefined;
  const parts = text.slice(CREDENTIAL_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { accountId: parts[0], deviceId: parts[1] };
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let suitePromise: Promise<CiphersuiteImpl> | undefined;

function suite(): Promise<CiphersuiteImpl> {
  return (suitePromise ??= getCiphersuiteImpl(getCiphersuiteFromName(CIPHERSUITE_NAME)));
}

/** Makes a fresh signature key pair for a new device. */
export async function createDeviceIdentity(accountId: string, deviceId: string): Promise<DeviceIdentity> {
  const keys = await (await suite()).signature.keygen();
  return { accountId, deviceId, signaturePublicKey: keys.publicKey, signaturePrivateKey: keys.signKey };
}

/**
 * The MLS operations of one device. Stateless apart from its identity: group states go in and
 * come out, so the caller decides when a new state is adopted and persisted.
 */
export class MlsSession {
  private readonly config: ClientConfig;

  constructor(
    readonly identity: DeviceIdentity,
    directory: KeyDirectory,
  ) {
    const authService: AuthenticationService = {
      async validateCredential(credential, signaturePublicKey) {
        const named = parseCredential(credential);
        if (!named) return false;
        const registered = await directory.signatureKey(named.accountId, named.deviceId);
        return registered !== undefined && bytesEqual(registered, signaturePublicKey);
      },
    };
    this.config = {
      keyRetentionConfig: defaultKeyRetentionConfig,
      lifetimeConfig: defaultLifetimeConfig,
      keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
      paddingConfig: defaultPaddingConfig,
      authService,
    };
  }

  private credential(): Credential {
    const identity = credentialIdentity(this.identity.accountId, this.identity.deviceId);
    return { credentialType: 'basic', identity: new TextEncoder().encode(identity) };
  }

  async generateKeyPackage(): Promise<GeneratedKeyPackage> {
    const cs = await suite();
    const { publicPackage, privatePackage } = await generateKeyPackageWithKey(
      this.credential(),
      defaultCapabilities(),
      defaultLifetime,
      [],
      { signKey: this.identity.signaturePrivateKey, publicKey: this.identity.signaturePublicKey },
      cs,
    );
    const ref = await makeKeyPackageRef(publicPackage, cs.hash);
    const publicBytes = encodeMlsMessage({
      version: 'mls10',
      wireformat: 'mls_key_package',
      keyPackage: publicPackage,
    });
    return { ref: toBase64(ref), publicBytes, privateKeys: privatePackage };
  }

  async createGroup(groupId: string): Promise<GroupState> {
    const cs = await suite();
    const own = await this.generateKeyPackage();
    const keyPackage = decodeKeyPackage(own.publicBytes);
    const state = await createGroup(
      new TextEncoder().encode(groupId),
      keyPackage,
      own.privateKeys,
      [],
      cs,
      this.config,
    );
    return { state };
  }

  /**
   * Checks claimed key packages against who they were claimed for, then commits adding them
   * (and removing the leaves of `removeDeviceIds`, so the Welcome's tree holds no leaf a new
   * member could not check, such as one of an account that left).
   */
  async addMembers(
    group: GroupState,
    packages: { bytes: Uint8Array; accountId: string; deviceId: string }[],
    removeDeviceIds: string[] = [],
  ): Promise<CommitResult> {
    const removing = new Set(removeDeviceIds);
    const proposals: Proposal[] = members(group)
      .filter((leaf) => removing.has(leaf.deviceId))
      .map((leaf) => ({ proposalType: 'remove', remove: { removed: leaf.leafIndex } }));
    for (const claimed of packages) {
      const keyPackage = decodeKeyPackage(claimed.bytes);
      const named = parseCredential(keyPackage.leafNode.credential);
      if (!named || named.accountId !== claimed.accountId || named.deviceId !== claimed.deviceId) {
        throw new CredentialRejected('A key package names another device than the one it was claimed for.');
      }
      if (
        !(await this.config.authService.validateCredential(
          keyPackage.leafNode.credential,
          keyPackage.leafNode.signaturePublicKey,
        ))
      ) {
        throw new CredentialRejected('A key package is signed with a key the server has not registered.');
      }
      proposals.push({ proposalType: 'add', add: { keyPackage } });
    }
    return this.commit(group, proposals);
  }

  /** Commits removing every leaf of the given devices. */
  async removeDevices(group: GroupState, deviceIds: string[]): Promise<CommitResult> {
    const wanted = new Set(deviceIds);
    const proposals: Proposal[] = members(group)
      .filter((leaf) => wanted.has(leaf.deviceId))
      .map((leaf) => ({ proposalType: 'remove', remove: { removed: leaf.leafIndex } }));
    return this.commit(group, proposals);
  }

  private async commit(group: GroupState, proposals: Proposal[]): Promise<CommitResult> {
    const cs = await suite();
    const result = await createCommit(
      { state: withConfig(group.state, this.config), cipherSuite: cs },
      { extraProposals: proposals, ratchetTreeExtension: true },
    );
    return {
      group: { state: result.newState },
      commit: encodeMlsMessage(result.commit),
      welcome: result.welcome
        ? encodeMlsMessage({ version: 'mls10', wireformat: 'mls_welcome', welcome: result.welcome })
        : undefined,
    };
  }

  /** Joins from a Welcome; `findKeyPackage` returns what this device kept for the named package. */
  async join(
    welcomeBytes: Uint8Array,
    findKeyPackage: (ref: string) => Promise<{ publicBytes: Uint8Array; privateKeys: PrivateKeyPackage } | undefined>,
  ): Promise<GroupState> {
    const cs = await suite();
    const message = decode(welcomeBytes);
    if (message.wireformat !== 'mls_welcome') throw new Error('not a Welcome');
    for (const secret of message.welcome.secrets) {
      const kept = await findKeyPackage(toBase64(secret.newMember));
      if (!kept) continue;
      const state = await joinGroup(
        message.welcome,
        decodeKeyPackage(kept.publicBytes),
        kept.privateKeys,
        emptyPskIndex,
        cs,
        undefined,
        undefined,
        this.config,
      );
      return { state };
    }
    throw new Error("The Welcome is for none of this device's key packages.");
  }

  async encrypt(group: GroupState, plaintext: Uint8Array): Promise<{ group: GroupState; ciphertext: Uint8Array }> {
    const cs = await suite();
    const result = await createApplicationMessage(withConfig(group.state, this.config), plaintext, cs);
    const ciphertext = encodeMlsMessage({
      version: 'mls10',
      wireformat: 'mls_private_message',
      privateMessage: result.privateMessage,
    });
    return { group: { state: result.newState }, ciphertext };
  }

  /** Decrypts an application message or applies a commit or proposal from another member. */
  async process(group: GroupState, ciphertext: Uint8Array): Promise<ProcessResult> {
    const cs = await suite();
    const state = withConfig(group.state, this.config);
    const message = decode(ciphertext);
    if (message.wireformat === 'mls_private_message' && message.privateMessage.contentType === 'application') {
      return this.decryptApplication(state, message.privateMessage, cs);
    }
    if (message.wireformat !== 'mls_private_message' && message.wireformat !== 'mls_public_message') {
      throw new Error(`unexpected wire format ${message.wireformat}`);
    }
    const result = await processMessage(message, state, emptyPskIndex, () => 'accept', cs);
    if (result.kind === 'applicationMessage') throw new Error('unexpected application message');
    const next = { state: result.newState };
    const removedSelf = result.newState.groupActiveState.kind === 'removedFromGroup';
    if (!removedSelf && result.newState.groupContext.epoch === state.groupContext.epoch) {
      return { kind: 'ignored', group: next };
    }
    return { kind: 'commit', group: next, removedSelf };
  }

  private async decryptApplication(
    state: ClientState,
    message: PrivateMessage,
    cs: CiphersuiteImpl,
  ): Promise<ProcessResult> {
    const current = message.epoch === state.groupContext.epoch;
    const receiver = current
      ? {
          senderDataSecret: state.keySchedule.senderDataSecret,
          secretTree: state.secretTree,
          ratchetTree: state.ratchetTree,
          groupContext: state.groupContext,
        }
      : state.historicalReceiverData.get(message.epoch);
    if (!receiver) throw new Error('The message is from an epoch this device no longer holds.');
    const result = await unprotectPrivateMessage(
      receiver.senderDataSecret,
      message,
      receiver.secretTree,
      receiver.ratchetTree,
      receiver.groupContext,
      state.clientConfig.keyRetentionConfig,
      cs,
    );
    const content = result.content.content;
    if (content.contentType !== 'application' || content.sender.senderType !== 'member') {
      throw new Error('not an application message from a member');
    }
    const next: ClientState = current
      ? { ...state, secretTree: result.tree }
      : {
          ...state,
          historicalReceiverData: new Map(state.historicalReceiverData).set(message.epoch, {
            ...state.historicalReceiverData.get(message.epoch)!,
            secretTree: result.tree,
          }),
        };
    const leaf = leafAt(receiver.ratchetTree, content.sender.leafIndex);
    if (!leaf) throw new Error('the sender has no leaf');
    return { kind: 'application', group: { state: next }, plaintext: content.applicationData, sender: leaf };
  }

  encodeState(group: GroupState): Uint8Array {
    return encodeGroupState(group.state);
  }

  decodeState(bytes: Uint8Array): GroupState {
    const decoded = decodeGroupState(bytes, 0);
    if (!decoded) throw new Error('damaged group state');
    return { state: { ...decoded[0], clientConfig: this.config } };
  }
}

function withConfig(state: ClientState, config: ClientConfig): ClientState {
  return state.clientConfig === config ? state : { ...state, clientConfig: config };
}

function decode(bytes: Uint8Array) {
  const decoded = decodeMlsMessage(bytes, 0);
  if (!decoded) throw new Error('not an MLS message');
  return decoded[0];
}

function decodeKeyPackage(bytes: Uint8Array): KeyPackage {
  const message = decode(bytes);
  if (message.wireformat !== 'mls_key_package') throw new Error('not a key package');
  return message.keyPackage;
}

function leafAt(tree: ClientState['ratchetTree'], leafIndex: number): MemberLeaf | undefined {
  const node = tree[leafIndex * 2];
  if (!node || node.nodeType !== 'leaf') return undefined;
  const named = parseCredential(node.leaf.credential);
  return named ? { ...named, leafIndex } : undefined;
}

/** The group's current leaves with the account and device their credentials name. */
export function members(group: GroupState): MemberLeaf[] {
  const result: MemberLeaf[] = [];
  const tree = group.state.ratchetTree;
  for (let leafIndex = 0; leafIndex * 2 < tree.length; leafIndex++) {
    const leaf = leafAt(tree, leafIndex);
    if (leaf) result.push(leaf);
  }
  return result;
}

export function epochOf(group: GroupState): number {
  return Number(group.state.groupContext.epoch);
}

/** The epoch an encoded MLS message names (private or public), or undefined for others. */
export function messageEpoch(bytes: Uint8Array): number | undefined {
  const message = decode(bytes);
  if (message.wireformat === 'mls_private_message') return Number(message.privateMessage.epoch);
  if (message.wireformat === 'mls_public_message') return Number(message.publicMessage.content.epoch);
  return undefined;
}
