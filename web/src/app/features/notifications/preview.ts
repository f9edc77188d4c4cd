// The short text a system notification shows for a message: its text, shortened, or what kind
// of thing it is ("Photo", "Voice message", "Payment"), in the UI language.
import type { Translate } from '../../catalogue';
import type { ChatMessage } from '../chat';

/** Characters of a message's text a notification shows at most (an ellipsis marks the cut). */
export const PREVIEW_CHARS_MAX = 100;

export function truncate(text: string, charsMax = PREVIEW_CHARS_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat); // by code points, so an emoji is never cut in half
  return chars.length <= charsMax ? flat : `${chars.slice(0, charsMax - 1).join('')}…`;
}

export function notificationBody(
  message: Pick<ChatMessage, 'kind' | 'text' | 'file' | 'payment'>,
  t: Translate,
): string {
  switch (message.kind) {
    case 'text':
      return truncate(message.text ?? '');
    case 'file': {
      const mime = message.file?.mime ?? '';
      if (mime.startsWith('image/')) return t('notify.photo');
      if (mime.startsWith('audio/')) return t('notify.voice');
      if (mime.startsWith('video/')) return t('notify.video');
      return truncate(message.file?.name ?? t('notify.file'));
    }
    case 'payment':
      return t('notify.payment');
    default:
      return t('notify.newMessage');
  }
}

/** In a group the notification's title is the group; the body says who wrote. */
export function withSender(body: string, senderName: string | undefined): string {
  return senderName ? `${senderName}: ${body}` : body;
}
