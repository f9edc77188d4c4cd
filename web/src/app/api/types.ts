// The JSON shapes of the server's API that the client uses (see /api/openapi.json).

export type Language = 'en' | 'de' | 'fr' | 'zh';

export interface Profile {
  id: string;
  username: string;
  displayName: string;
  language: string;
  createdAt: string;
}

export interface Device {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface SessionResponse {
  token: string;
  device: Device;
  account: Profile;
}

export interface PublicProfile {
  id: string;
  username: string;
  displayName: string;
}

export interface Contact {
  account: PublicProfile;
  since: string;
}

export interface ContactRequest {
  id: string;
  direction: 'incoming' | 'outgoing';
  account: PublicProfile;
  note?: string;
  createdAt: string;
}

export interface SendContactRequestResponse {
  outcome: 'request_sent' | 'now_contacts';
  request?: ContactRequest;
  contact?: Contact;
}

export interface Block {
  account: PublicProfile;
  blockedAt: string;
}

export interface ContactLink {
  token: string;
  url: string;
  createdAt: string;
}

export interface Conversation {
  id: string;
  kind: string;
  name?: string;
  epoch: number;
  lastSeq: number;
  role: string;
  createdAt: string;
}

export interface ConversationMember {
  accountId: string;
  /** Shown to the other members; absent for a disabled or deleted account. */
  displayName?: string;
  role: string;
  joinedAt: string;
  /** This member's devices that are leaves of the MLS group. */
  deviceIds: string[];
}

/** How far another member account has received and (if it shares read receipts) read a conversation. */
export interface ConversationMark {
  accountId: string;
  deliveredSeq: number;
  readSeq?: number;
}

export interface ConversationDetails {
  conversation: Conversation;
  members: ConversationMember[];
  /** Leaves that lost their group state and asked to be added again. */
  rejoinDeviceIds?: string[];
}

export interface DeviceKey {
  deviceId: string;
  ciphersuite: number;
  signaturePublicKey: string;
  createdAt: string;
}

export interface KeyPackageUpload {
  ciphersuite: number;
  data: string;
}

export interface KeyPackageCount {
  count: number;
  lastResort: boolean;
}

export interface ClaimedKeyPackage {
  deviceId: string;
  ciphersuite: number;
  data: string;
  lastResort: boolean;
}

export interface AttachmentInfo {
  id: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  expiresAt: string;
}

export interface RegisterInput {
  username: string;
  password: string;
  displayName: string;
  language: Language;
  inviteCode?: string;
  deviceName: string;
}

export interface LoginInput {
  username: string;
  password: string;
  deviceName: string;
}

/** Who may create an account on this server (GET /api/v1/registration). */
export interface RegistrationInfo {
  mode: 'open' | 'invite-only' | 'closed';
}
