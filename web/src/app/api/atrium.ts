// One function per API operation the client uses, named after its operationId.
import type { ApiClient } from './client';
import type {
  AttachmentInfo,
  Block,
  Contact,
  ContactLink,
  ContactRequest,
  ClaimedKeyPackage,
  Conversation,
  ConversationDetails,
  ConversationMark,
  Device,
  DeviceKey,
  KeyPackageCount,
  KeyPackageUpload,
  LoginInput,
  Profile,
  PublicProfile,
  RegisterInput,
  RegistrationInfo,
  SendContactRequestResponse,
  SessionResponse,
} from './types';

/** Pages are followed up to this many, so a list never loops without end. */
const PAGES_MAX = 20;
const PAGE_ROWS = 200;

const segment = (value: string) => encodeURIComponent(value);

export class AtriumApi {
  constructor(readonly client: ApiClient) {}

  registerAccount(input: RegisterInput): Promise<SessionResponse> {
    const body: Partial<RegisterInput> = { ...input };
    if (!body.inviteCode) delete body.inviteCode;
    return this.client.post('/api/v1/accounts', body);
  }

  /** Whether the server takes new accounts and needs an invite code for them; no login needed. */
  getRegistration(): Promise<RegistrationInfo> {
    return this.client.get('/api/v1/registration');
  }

  login(input: LoginInput): Promise<SessionResponse> {
    return this.client.post('/api/v1/sessions', input);
  }

  logout(): Promise<void> {
    return this.client.delete('/api/v1/sessions/current');
  }

  getProfile(): Promise<Profile> {
    return this.client.get('/api/v1/me');
  }

  updateProfile(change: { displayName?: string; language?: string }): Promise<Profile> {
    return this.client.patch('/api/v1/me', change);
  }

  /** Every other device of the account is logged out; this one stays. */
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return this.client.post('/api/v1/me/password', { currentPassword, newPassword });
  }

  /** Everything the server holds about the account, as the JSON file it sends (no secrets in it). */
  exportAccount(): Promise<Blob> {
    return this.client.blob('/api/v1/me/export');
  }

  /** Erases the account (refused while money or withdrawals are still open); every device is logged out. */
  deleteAccount(password: string): Promise<void> {
    return this.client.delete('/api/v1/me', { password });
  }

  listDevices(): Promise<Device[]> {
    return this.client.get('/api/v1/devices');
  }

  revokeDevice(deviceId: string): Promise<void> {
    return this.client.delete(`/api/v1/devices/${segment(deviceId)}`);
  }

  lookupUser(username: string): Promise<PublicProfile> {
    return this.client.get(`/api/v1/users/${segment(username)}`);
  }

  listContacts(): Promise<Contact[]> {
    return this.allPages<Contact>('/api/v1/contacts', 'contacts');
  }

  listContactRequests(direction: 'incoming' | 'outgoing'): Promise<ContactRequest[]> {
    return this.allPages<ContactRequest>(`/api/v1/contacts/requests?direction=${direction}`, 'requests');
  }

  sendContactRequest(username: string, note?: string): Promise<SendContactRequestResponse> {
    return this.client.post('/api/v1/contacts/requests', note ? { username, note } : { username });
  }

  acceptContactRequest(requestId: string): Promise<Contact> {
    return this.client.post(`/api/v1/contacts/requests/${segment(requestId)}/accept`);
  }

  declineContactRequest(requestId: string): Promise<void> {
    return this.client.post(`/api/v1/contacts/requests/${segment(requestId)}/decline`);
  }

  cancelContactRequest(requestId: string): Promise<void> {
    return this.client.delete(`/api/v1/contacts/requests/${segment(requestId)}`);
  }

  removeContact(accountId: string): Promise<void> {
    return this.client.delete(`/api/v1/contacts/${segment(accountId)}`);
  }

  listBlocks(): Promise<Block[]> {
    return this.allPages<Block>('/api/v1/blocks', 'blocks');
  }

  blockAccount(accountId: string): Promise<void> {
    return this.client.put(`/api/v1/blocks/${segment(accountId)}`);
  }

  unblockAccount(accountId: string): Promise<void> {
    return this.client.delete(`/api/v1/blocks/${segment(accountId)}`);
  }

  getContactLink(): Promise<ContactLink> {
    return this.client.get('/api/v1/me/contact-link');
  }

  rotateContactLink(): Promise<ContactLink> {
    return this.client.post('/api/v1/me/contact-link/rotate');
  }

  contactLinkQrSvg(): Promise<Blob> {
    return this.client.blob('/api/v1/me/contact-link/qr.svg?size=512');
  }

  redeemContactLink(token: string, note?: string): Promise<SendContactRequestResponse> {
    return this.client.post(`/api/v1/contact-links/${segment(token)}/requests`, note ? { note } : {});
  }

  listConversations(): Promise<Conversation[]> {
    return this.client.get('/api/v1/conversations');
  }

  getConversation(conversationId: string): Promise<ConversationDetails> {
    return this.client.get(`/api/v1/conversations/${segment(conversationId)}`);
  }

  /** This device lost its group state (a commit or Welcome it could not use): the members add it again. */
  requestRejoin(conversationId: string): Promise<void> {
    return this.client.post(`/api/v1/conversations/${segment(conversationId)}/rejoin`);
  }

  /** Stored delivery and shared read positions of the other members, for ticks after reconnecting. */
  getConversationMarks(conversationId: string): Promise<{ marks: ConversationMark[] }> {
    return this.client.get(`/api/v1/conversations/${segment(conversationId)}/marks`);
  }

  uploadAttachment(ciphertext: Uint8Array): Promise<AttachmentInfo> {
    return this.client.upload('/api/v1/attachments', ciphertext);
  }

  downloadAttachment(attachmentId: string): Promise<Blob> {
    return this.client.blob(`/api/v1/attachments/${segment(attachmentId)}`);
  }

  getMessagingPreferences(): Promise<{ shareReadReceipts: boolean }> {
    return this.client.get('/api/v1/me/messaging-preferences');
  }

  setMessagingPreferences(shareReadReceipts: boolean): Promise<{ shareReadReceipts: boolean }> {
    return this.client.put('/api/v1/me/messaging-preferences', { shareReadReceipts });
  }

  leaveConversation(conversationId: string): Promise<void> {
    return this.client.post(`/api/v1/conversations/${segment(conversationId)}/leave`);
  }

  /** Renames a group (admins); members learn it by an E2E message too. */
  renameConversation(conversationId: string, name: string): Promise<Conversation> {
    return this.client.patch(`/api/v1/conversations/${segment(conversationId)}`, { name });
  }

  createDirectConversation(peerAccountId: string): Promise<Conversation> {
    return this.client.post('/api/v1/conversations', { kind: 'direct', peerAccountId });
  }

  createGroupConversation(name: string): Promise<Conversation> {
    return this.client.post('/api/v1/conversations', { kind: 'group', name });
  }

  registerIdentityKey(ciphersuite: number, signaturePublicKey: string): Promise<DeviceKey> {
    return this.client.put('/api/v1/devices/current/identity-key', { ciphersuite, signaturePublicKey });
  }

  listDeviceKeys(accountId: string): Promise<DeviceKey[]> {
    return this.client.get(`/api/v1/accounts/${segment(accountId)}/devices`);
  }

  uploadKeyPackages(keyPackages: KeyPackageUpload[], lastResort?: KeyPackageUpload): Promise<KeyPackageCount> {
    return this.client.post(
      '/api/v1/devices/current/key-packages',
      lastResort ? { keyPackages, lastResort } : { keyPackages },
    );
  }

  countKeyPackages(): Promise<KeyPackageCount> {
    return this.client.get('/api/v1/devices/current/key-packages/count');
  }

  claimKeyPackages(accountId: string, ciphersuite: number): Promise<{ keyPackages: ClaimedKeyPackage[] }> {
    return this.client.post(`/api/v1/accounts/${segment(accountId)}/key-packages/claim`, { ciphersuite });
  }

  private async allPages<T>(path: string, key: string): Promise<T[]> {
    const items: T[] = [];
    let after: string | undefined;
    for (let page = 0; page < PAGES_MAX; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const cursor = after ? `&after=${segment(after)}` : '';
      const body = await this.client.get<Record<string, unknown>>(`${path}${separator}limit=${PAGE_ROWS}${cursor}`);
      items.push(...((body[key] as T[] | undefined) ?? []));
      after = typeof body.nextCursor === 'string' ? body.nextCursor : undefined;
      if (!after) break;
    }
    return items;
  }
}
