// A voice note in a message bubble: play/pause, a progress bar and the length. The audio is
// fetched and decrypted on the first play only, so a chat full of voice notes costs nothing
// until one is played. The length shown is the sender's: a recording in WebM often carries none.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../../state';
import type { FileRef } from '../engine/attachments';
import type { ChatEngine } from '../engine/engine';
import { formatVoiceDuration } from './voice-note';

export function VoiceBubble({
  engine,
  file,
  durationMillis,
}: {
  engine: ChatEngine | null;
  file: FileRef;
  durationMillis: number;
}) {
  const { t } = useApp();
  const audio = useRef<HTMLAudioElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [positionMillis, setPositionMillis] = useState(0);

  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  const toggle = async () => {
    const element = audio.current;
    if (!element || !engine) return;
    if (playing) {
      element.pause();
      return;
    }
    try {
      if (!url) {
        setLoading(true);
        const objectUrl = URL.createObjectURL(await engine.openAttachment(file));
        element.src = objectUrl;
        setUrl(objectUrl);
      }
      await element.play();
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };

  const progress = Math.min(1, positionMillis / durationMillis);
  const label = t('voice.note', { time: formatVoiceDuration(durationMillis) });
  return (
    <span class="voice-note" data-testid="voice-message" data-duration-millis={durationMillis}>
      <button
        type="button"
        class="voice-play"
        data-testid="voice-play"
        disabled={!engine || loading}
        aria-label={playing ? t('voice.pause') : t('voice.play', { time: formatVoiceDuration(durationMillis) })}
        aria-busy={loading}
        onClick={() => void toggle()}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <span
        class="voice-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
      >
        <span class="voice-progress" style={{ width: `${progress * 100}%` }} />
      </span>
      <span class="voice-time" data-testid="voice-duration">
        {formatVoiceDuration(playing || positionMillis > 0 ? positionMillis : durationMillis)}
      </span>
      {failed && <span class="muted">{t('chat.attachmentFailed')}</span>}
      <audio
        ref={audio}
        preload="none"
        data-testid="voice-audio"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onTimeUpdate={(event) => setPositionMillis((event.currentTarget as HTMLAudioElement).currentTime * 1000)}
        onEnded={() => {
          setPlaying(false);
          setPositionMillis(0);
        }}
      />
    </span>
  );
}

const PlayIcon = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor">
    <path d="M7 4.5v15l12-7.5z" />
  </svg>
);
const PauseIcon = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor">
    <rect x="6" y="4.5" width="4" height="15" rx="1" />
    <rect x="14" y="4.5" width="4" height="15" rx="1" />
  </svg>
);
