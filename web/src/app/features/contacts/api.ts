// The contacts feature's calls: finding people, contact requests, blocks and contact links. The
// contact list itself is shared (api/atrium.ts), as several features read it.
import type { ApiClient } from '../../api/client';
import { allPages, segment } from '../../api/paging';
import type {
  Block,
  Contact,
  ContactLink,
  ContactRequest,
  PublicProfile,
  SendContactRequestResponse,
} from '../../api/types';

export class ContactsApi {
  constructor(readonly client: ApiClient) {}

  lookupUser(username: string): Promise<PublicProfile> {
    return this.client.get(`/api/v1/users/${segment(username)}`);
  }

  listContactRequests(direction: 'incoming' | 'outgoing'): Promise<ContactRequest[]> {
    return allPages<ContactRequest>(this.client, `/api/v1/contacts/requests?direction=${direction}`, 'requests');
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
    return allPages<Block>(this.client, '/api/v1/blocks', 'blocks');
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
}
