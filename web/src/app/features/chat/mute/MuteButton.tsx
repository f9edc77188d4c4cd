// A chat's "Mute notifications" / "Unmute": a muted chat notifies nothing on any of the
// account's devices and counts as a dot, not a number, in the Chats tab.
import { useState } from 'preact/hooks';
import { ErrorText } from '../../../components/shell';
import { useAction } from '../../../hooks';
import { useApp } from '../../../state';
import { useMutedChats } from '../chat-context';
import type { MuteDuration } from './muted-chats';

const DURATIONS: readonly { duration: MuteDuration; label: 'notify.muteAlways' | 'notify.mute8h' | 'notify.mute1w' }[] =
  [
    { duration: 'always', label: 'notify.muteAlways' },
    { duration: '8h', label: 'notify.mute8h' },
    { duration: '1w', label: 'notify.mute1w' },
  ];

export function MuteButton({ conversationId }: { conversationId: string }) {
  const { t } = useApp();
  const muted = useMutedChats();
  const change = useAction();
  const [choosing, setChoosing] = useState(false);
  if (muted.isMuted(conversationId)) {
    return (
      <>
        <button
          type="button"
          class="button-link"
          data-testid="unmute"
          disabled={change.busy}
          onClick={() => change.run(() => muted.unmute(conversationId))}
        >
          {t('notify.unmute')}
        </button>
        <ErrorText error={change.error} />
      </>
    );
  }
  return (
    <>
      <button
        type="button"
        class="button-link"
        data-testid="mute"
        aria-expanded={choosing}
        onClick={() => setChoosing(!choosing)}
      >
        {t('notify.mute')}
      </button>
      {choosing && (
        <div class="inline" role="group" aria-label={t('notify.mute')}>
          {DURATIONS.map(({ duration, label }) => (
            <button
              key={duration}
              type="button"
              class="small"
              data-testid={`mute-${duration}`}
              disabled={change.busy}
              onClick={async () => {
                await change.run(() => muted.mute(conversationId, duration));
                setChoosing(false);
              }}
            >
              {t(label)}
            </button>
          ))}
        </div>
      )}
      <ErrorText error={change.error} />
    </>
  );
}
