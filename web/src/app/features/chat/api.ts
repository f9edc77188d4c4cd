// The chat feature's calls: conversations, their members and marks, attachments and the
// messaging preferences. The MLS key directory's calls are in mls/key-directory.ts.
import type { ApiClient } from '../../api/client';
import { segment } from '../../api/paging';
import type { AttachmentInfo, Conversation, ConversationDetails, ConversationMark } from '../../api/types';

export class ChatApi {
  constructor(readonly client: ApiClient) {}

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
}
