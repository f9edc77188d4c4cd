// The chat feature's screens: the Chats tab, a new group, and a conversation with its members.
import { createElement } from 'preact';
import type { FeatureRoutes } from '../../router';
import { ChatsScreen } from './ChatsScreen';
import { ConversationScreen } from './ConversationScreen';
import { GroupMembersScreen } from './GroupMembersScreen';
import { NewGroupScreen } from './NewGroupScreen';

export const CHAT_ROUTES: FeatureRoutes = {
  screens: {
    '/chats': ChatsScreen,
    '/chats/new-group': NewGroupScreen,
  },
  match(route) {
    const chat = /^\/chat\/([A-Za-z0-9_-]+)(\/members)?$/.exec(route);
    if (!chat) return undefined;
    if (chat[2])
      return {
        page: createElement(GroupMembersScreen, { key: route, conversationId: chat[1]! }),
        tabRoute: '/chats',
        ofChat: true,
      };
    return {
      page: createElement(ConversationScreen, { key: route, conversationId: chat[1]! }),
      tabRoute: '/chats',
      inChat: true,
    };
  },
};
