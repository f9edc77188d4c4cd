// Names to show for accounts and conversations, from the contacts list (the server shows
// profiles to contacts) with the account id as the last resort.
import type { AtriumApi } from '../../api/atrium';
import { ChatApi } from './api';
import type { Contact, ConversationDetails, Conversation, ConversationMember } from '../../api/types';

/** Direct conversations whose details are fetched for the list, at most. */
const DETAILS_FETCHED_MAX = 100;

export interface ConversationRow {
  conversation: Conversation;
  /** The other account of a direct conversation. */
  peerAccountId?: string;
}

export async function loadConversationRows(
  api: AtriumApi,
  ownAccountId: string,
): Promise<{ rows: ConversationRow[]; names: Map<string, string>; contacts: Contact[] }> {
  const chat = new ChatApi(api.client);
  const [conversations, contacts] = await Promise.all([chat.listConversations(), api.listContacts().catch(() => [])]);
  const names = new Map(contacts.map((contact) => [contact.account.id, contact.account.displayName]));
  const directs = conversations.filter((conversation) => conversation.kind === 'direct').slice(0, DETAILS_FETCHED_MAX);
  const details = await Promise.all(
    directs.map((conversation) =>
      chat.getConversation(conversation.id).catch((): ConversationDetails | undefined => undefined),
    ),
  );
  const peers = new Map<string, string>();
  for (const detail of details) {
    const peer = detail?.members.find((member) => member.accountId !== ownAccountId);
    if (detail && peer) peers.set(detail.conversation.id, peer.accountId);
  }
  return {
    rows: conversations.map((conversation) => ({ conversation, peerAccountId: peers.get(conversation.id) })),
    names,
    contacts,
  };
}

export function displayName(names: Map<string, string>, accountId: string | undefined, fallback: string): string {
  return (accountId && names.get(accountId)) || fallback;
}

/** The contacts' names, and for members who are not contacts the name the server shows members. */
export function withMemberNames(names: Map<string, string>, members: ConversationMember[]): Map<string, string> {
  const all = new Map(names);
  for (const member of members) {
    if (!all.has(member.accountId) && member.displayName) all.set(member.accountId, member.displayName);
  }
  return all;
}
