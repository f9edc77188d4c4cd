import { describe, expect, it } from 'vitest';
import { TRUST_ROUTES } from './trust/routes';
import { CHAT_ROUTES } from './routes';

describe('the chat pages on phones', () => {
  it('a conversation fills the viewport without the tab bar', () => {
    expect(CHAT_ROUTES.match!('/chat/c_abc')).toMatchObject({ inChat: true, tabRoute: '/chats' });
  });

  it('a group’s members page hides the tab bar too, as the chat it belongs to does', () => {
    const members = CHAT_ROUTES.match!('/chat/c_abc/members');
    expect(members).toMatchObject({ ofChat: true, tabRoute: '/chats' });
    expect(members?.inChat).toBeUndefined();
  });

  it('so does a safety number opened from the chat, but not one opened from Contacts', () => {
    expect(TRUST_ROUTES.match!('/chat/c_abc/safety/acc_1')).toMatchObject({ ofChat: true });
    expect(TRUST_ROUTES.match!('/contacts/safety/acc_1')).toMatchObject({ ofChat: false, tabRoute: '/contacts' });
  });
});
