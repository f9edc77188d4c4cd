// One conversation: its messages as bubbles with times and day separators, who is typing, and
// the composer. Messages written while offline show as "sending" and leave on reconnect. The
// parts live in conversation/: the data (use-conversation.ts), the list and its scrolling
// (MessageList.tsx, use-chat-scroll.ts), the notices and the composer.
import { useState } from 'preact/hooks';
import { ErrorText, Loading, Screen } from '../../components/shell';
import { useAction } from '../../hooks';
import { useApp } from '../../state';
import { PaymentSheet, type PaymentMode } from '../wallet';
import { ChatNotice, useEngine } from './chat-context';
import { ComposerBanners, ComposerForm, useComposer } from './conversation/Composer';
import { ConversationNotices } from './conversation/ConversationNotices';
import { MessageList } from './conversation/MessageList';
import { MuteButton } from './mute/MuteButton';
import { useConversation } from './conversation/use-conversation';
import { displayName } from './names';
import { VerificationLink } from './trust/SafetyNumberScreen';
import { typingText } from './typing';

export function ConversationScreen({ conversationId }: { conversationId: string }) {
  const { t, session, language, profile } = useApp();
  const { engine, version } = useEngine();
  const { info, messages, local, keyWarnings, firstUnreadKey } = useConversation(conversationId, engine, version);
  const [paying, setPaying] = useState<PaymentMode | null>(null);
  const send = useAction();

  const names = info.data?.names ?? new Map<string, string>();
  const conversation = info.data?.details.conversation;
  const peer = info.data?.details.members.find((member) => member.accountId !== session!.accountId);
  const title = !conversation
    ? t('chats.untitled')
    : conversation.kind === 'direct'
      ? displayName(names, peer?.accountId, t('chats.untitled'))
      : conversation.name || t('chats.untitled');
  const nameOf = (accountId: string) =>
    accountId === session!.accountId && profile?.displayName
      ? profile.displayName
      : displayName(names, accountId, t('chat.someone'));
  const typing = engine?.typingAccounts(conversationId) ?? [];
  const otherMembers = (info.data?.details.members ?? [])
    .map((member) => member.accountId)
    .filter((accountId) => accountId !== session!.accountId);
  const inGroup = conversation?.kind === 'group';
  const composer = useComposer({
    conversationId,
    engine,
    send,
    inGroup,
    members: () => otherMembers.map((accountId) => ({ accountId, name: nameOf(accountId) })),
  });

  return (
    <Screen title={title} back="/chats" fill>
      <ChatNotice />
      {conversation?.kind === 'direct' && peer && (
        <VerificationLink accountId={peer.accountId} conversationId={conversationId} />
      )}
      {conversation?.kind === 'group' && !local?.removed && (
        <a class="button-link" href={`#/chat/${conversationId}/members`} data-testid="group-members">
          {t('chat.members')}
        </a>
      )}
      {conversation && !local?.removed && <MuteButton conversationId={conversationId} />}
      {(!engine || (info.loading && !info.data)) && <Loading />}
      <ErrorText error={info.error} />
      <ConversationNotices
        engine={engine}
        local={local}
        keyWarnings={keyWarnings}
        messages={messages}
        nameOf={nameOf}
      />
      <MessageList
        conversationId={conversationId}
        engine={engine}
        messages={messages}
        local={local}
        firstUnreadKey={firstUnreadKey}
        inGroup={inGroup}
        otherMembers={otherMembers}
        nameOf={nameOf}
        composer={composer}
        send={send}
      />
      {typing.length > 0 && (
        <p class="muted typing" data-testid="typing">
          {typingText(typing.map(nameOf), language, t)}
        </p>
      )}
      <ErrorText error={send.error} />
      <ComposerBanners composer={composer} />
      {!local?.removed && engine && conversation && (
        <div class="inline payment-buttons">
          {conversation.kind === 'direct' && (
            <button
              type="button"
              class="small"
              aria-haspopup="dialog"
              data-testid="send-money"
              onClick={() => setPaying('transfer')}
            >
              {t('chatpay.sendMoney')}
            </button>
          )}
          <button
            type="button"
            class="small"
            aria-haspopup="dialog"
            data-testid="red-packet"
            onClick={() => setPaying('red-packet')}
          >
            {t('chatpay.redPacket')}
          </button>
        </div>
      )}
      {paying && !local?.removed && engine && conversation && (
        <PaymentSheet
          mode={paying}
          conversationId={conversationId}
          sendCard={(payment) => engine.sendPayment(conversationId, payment)}
          inGroup={conversation.kind === 'group'}
          memberCount={info.data?.details.members.length ?? 1}
          onClose={() => setPaying(null)}
        />
      )}
      {!local?.removed && (
        <ComposerForm
          composer={composer}
          conversationId={conversationId}
          engine={engine}
          send={send}
          underSheet={paying !== null}
        />
      )}
    </Screen>
  );
}
