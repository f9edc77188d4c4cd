// The conversation's composer: the text field with @mentions (in groups), replying to and
// editing a message, attaching a file, recording a voice note, and Send. useComposer keeps the
// draft and what it answers or edits; the message list starts a reply or an edit through it.
import { useRef, useState } from 'preact/hooks';
import { AttachIcon, EmojiIcon } from '../../../components/icons';
import { useAction } from '../../../hooks';
import { useApp } from '../../../state';
import type { ChatEngine } from '../engine/engine';
import type { ChatMessage } from '../engine/messages';
import { insertAt } from '../emoji/insert';
import { mentionQuery } from '../message-extras';
import { makeThumbnail } from '../thumbnail';
import { VoiceButton, canRecordVoice } from '../voice/VoiceButton';
import type { EmojiPicker as EmojiPickerType } from '../emoji/EmojiPicker';

type Member = { accountId: string; name: string };
export type SendAction = ReturnType<typeof useAction>;

export const excerptOf = (message: ChatMessage) => (message.text ?? message.file?.name ?? '').slice(0, 120);

export function useComposer({
  conversationId,
  engine,
  send,
  inGroup,
  members,
}: {
  conversationId: string;
  engine: ChatEngine | null;
  send: SendAction;
  inGroup: boolean;
  /** The other members with their names, offered as mentions. */
  members: () => Member[];
}) {
  const [draft, setDraft] = useState('');
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [editing, setEditing] = useState<ChatMessage | null>(null);
  const [mentionPicks, setMentionPicks] = useState<Member[]>([]);
  const [mentioning, setMentioning] = useState<{ start: number; query: string } | null>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const mentionable =
    inGroup && mentioning
      ? members()
          .filter((member) => member.name.toLowerCase().includes(mentioning.query.toLowerCase()))
          .slice(0, 8)
      : [];
  const pickMention = (member: Member) => {
    if (!mentioning) return;
    const caret = mentioning.start + 1 + mentioning.query.length;
    const next = `${draft.slice(0, mentioning.start)}@${member.name} ${draft.slice(caret)}`;
    setDraft(next);
    setMentionPicks((picks) => [...picks.filter((pick) => pick.accountId !== member.accountId), member]);
    setMentioning(null);
    composerRef.current?.focus();
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || !engine) return;
    if (editing) {
      const target = editing;
      const saved = await send.run(async () => {
        await engine.editMessage(conversationId, target.key, text);
        return true;
      });
      if (saved) {
        setDraft('');
        setEditing(null);
      }
      return;
    }
    const reply = replyTo ? { key: replyTo.key, excerpt: excerptOf(replyTo) } : undefined;
    const mentions = mentionPicks.filter((pick) => text.includes(`@${pick.name}`)).map((pick) => pick.accountId);
    const done = await send.run(async () => {
      await engine.sendText(conversationId, text, reply, mentions);
      return true;
    });
    if (done) {
      setDraft('');
      setReplyTo(null);
      setMentionPicks([]);
      setMentioning(null);
    }
  };
  return {
    draft,
    replyTo,
    editing,
    mentioning,
    mentionable,
    composerRef,
    pickMention,
    submit,
    startReply: (message: ChatMessage) => setReplyTo(message),
    cancelReply: () => setReplyTo(null),
    startEdit: (message: ChatMessage) => {
      setEditing(message);
      setReplyTo(null);
      setDraft(message.text ?? '');
    },
    cancelEdit: () => {
      setEditing(null);
      setDraft('');
    },
    typed: (area: HTMLTextAreaElement) => {
      setDraft(area.value);
      setMentioning(
        inGroup && !editing ? (mentionQuery(area.value, area.selectionStart ?? area.value.length) ?? null) : null,
      );
      engine?.notifyTyping(conversationId);
    },
    stopMentioning: () => setMentioning(null),
    /** Puts an emoji at the text field's caret (in place of a selection) and keeps the caret after it. */
    insertEmoji: (emoji: string) => {
      const area = composerRef.current;
      const start = area?.selectionStart ?? draft.length;
      const end = area?.selectionEnd ?? start;
      const next = insertAt(draft, start, end, emoji);
      setDraft(next.text);
      requestAnimationFrame(() => composerRef.current?.setSelectionRange(next.caret, next.caret));
    },
  };
}

export type ComposerState = ReturnType<typeof useComposer>;

/** Above the composer: what is being edited, the mention picker, and what is being answered. */
export function ComposerBanners({ composer }: { composer: ComposerState }) {
  const { t } = useApp();
  const { editing, mentionable, replyTo } = composer;
  return (
    <>
      {editing && (
        <p class="reply-banner" data-testid="edit-banner">
          <span>{t('chatFeat.editing', { text: excerptOf(editing) })}</span>
          <button type="button" class="small" onClick={composer.cancelEdit}>
            {t('common.cancel')}
          </button>
        </p>
      )}
      {mentionable.length > 0 && (
        <ul class="mention-list" role="listbox" aria-label={t('chatFeat.mentionList')} data-testid="mention-list">
          {mentionable.map((member) => (
            <li key={member.accountId} role="option" aria-selected={false}>
              <button
                type="button"
                class="small"
                data-testid="mention-option"
                data-name={member.name}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => composer.pickMention(member)}
              >
                @{member.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {replyTo && (
        <p class="reply-banner" data-testid="reply-banner">
          <span>{t('chat.replyingTo', { text: excerptOf(replyTo) })}</span>
          <button type="button" class="small" onClick={composer.cancelReply}>
            {t('common.cancel')}
          </button>
        </p>
      )}
    </>
  );
}

/** The composer itself; under an open payment sheet it is hidden (the sheet's button is the only Send). */
export function ComposerForm({
  composer,
  conversationId,
  engine,
  send,
  underSheet,
}: {
  composer: ComposerState;
  conversationId: string;
  engine: ChatEngine | null;
  send: SendAction;
  underSheet: boolean;
}) {
  const { t } = useApp();
  const { draft, editing, mentionable, mentioning, submit } = composer;
  // The picker (and its data) loads on the first tap, in its own chunk, so the first load stays as small.
  const [Picker, setPicker] = useState<typeof EmojiPickerType | null>(null);
  const [picking, setPicking] = useState(false);
  const openPicker = async () => {
    if (!Picker) {
      const loaded = await import('../emoji/EmojiPicker');
      setPicker(() => loaded.EmojiPicker);
    }
    setPicking(true);
  };
  return (
    <form class={underSheet ? 'composer under-sheet' : 'composer'} onSubmit={submit}>
      <button
        type="button"
        class="emoji-button"
        title={t('emoji.button')}
        aria-label={t('emoji.button')}
        aria-haspopup="dialog"
        data-testid="emoji-button"
        onClick={() => void openPicker()}
      >
        <EmojiIcon />
      </button>
      {picking && Picker && <Picker onPick={composer.insertEmoji} onClose={() => setPicking(false)} />}
      <label class="attach" title={t('chat.attach')}>
        <AttachIcon />
        <span class="visually-hidden">{t('chat.attach')}</span>
        <input
          type="file"
          data-testid="attach-input"
          disabled={!engine}
          onChange={async (event) => {
            const input = event.target as HTMLInputElement;
            const chosen = input.files?.[0];
            input.value = '';
            if (!chosen || !engine) return;
            await send.run(async () =>
              engine.sendFile(conversationId, {
                bytes: new Uint8Array(await chosen.arrayBuffer()),
                name: chosen.name,
                mime: chosen.type,
                thumbnail: await makeThumbnail(chosen),
              }),
            );
          }}
        />
      </label>
      <textarea
        ref={composer.composerRef}
        rows={1}
        value={draft}
        maxLength={4000}
        aria-label={t('chat.compose')}
        placeholder={t('chat.compose')}
        data-testid="composer"
        onInput={(event) => composer.typed(event.target as HTMLTextAreaElement)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && mentioning) {
            composer.stopMentioning();
            return;
          }
          if (event.key === 'Enter' && !event.shiftKey && mentionable.length > 0) {
            event.preventDefault();
            composer.pickMention(mentionable[0]!);
            return;
          }
          if (event.key === 'Enter' && !event.shiftKey) void submit(event);
        }}
      />
      {!editing && canRecordVoice() && (
        <VoiceButton
          disabled={!engine}
          onRecorded={async (voice) => {
            if (engine) await send.run(() => engine.sendVoice(conversationId, voice));
          }}
        />
      )}
      <button type="submit" class="primary" disabled={!engine || draft.trim() === ''} data-testid="send">
        {editing ? t('chatFeat.save') : t('chat.send')}
      </button>
    </form>
  );
}
