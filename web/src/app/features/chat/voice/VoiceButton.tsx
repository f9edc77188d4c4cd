// The composer's voice-note button. Press and hold to record, release to send; sliding the
// finger (or pointer) off the button cancels. A short tap instead starts a recording that a
// second tap stops and sends, which is also what Enter and Space do, so a keyboard or a switch
// can record too; while recording, Cancel throws it away. Recording stops and sends by itself
// at two minutes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../../state';
import { VOICE_MILLIS_MAX, VOICE_MILLIS_MIN, formatVoiceDuration, recordingMimeType } from './voice-note';

/** A press shorter than this is a tap (start and keep recording), longer is hold-to-talk. */
const HOLD_MILLIS_MIN = 400;

export interface RecordedVoice {
  bytes: Uint8Array;
  mime: string;
  durationMillis: number;
}

/** One recording in progress: the microphone stream, its recorder, and what it has recorded. */
class Recording {
  private readonly chunks: Blob[] = [];
  private readonly startedAt = performance.now();

  private constructor(
    private readonly stream: MediaStream,
    private readonly recorder: MediaRecorder,
  ) {
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    };
    recorder.start(250);
  }

  static async start(): Promise<Recording> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const mimeType = recordingMimeType((type) => MediaRecorder.isTypeSupported(type));
    try {
      return new Recording(stream, new MediaRecorder(stream, mimeType ? { mimeType } : undefined));
    } catch (error) {
      stream.getTracks().forEach((track) => track.stop());
      throw error;
    }
  }

  elapsedMillis(): number {
    return performance.now() - this.startedAt;
  }

  /** Stops and returns the audio; the microphone is released either way. */
  stop(): Promise<RecordedVoice> {
    const durationMillis = Math.min(this.elapsedMillis(), VOICE_MILLIS_MAX);
    return new Promise((done, fail) => {
      this.recorder.onstop = async () => {
        this.release();
        const blob = new Blob(this.chunks, { type: this.recorder.mimeType || 'audio/webm' });
        done({ bytes: new Uint8Array(await blob.arrayBuffer()), mime: blob.type, durationMillis });
      };
      this.recorder.onerror = () => {
        this.release();
        fail(new Error('recording failed'));
      };
      this.recorder.stop();
    });
  }

  cancel(): void {
    this.recorder.onstop = null;
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.release();
  }

  private release(): void {
    this.stream.getTracks().forEach((track) => track.stop());
  }
}

type Mode = 'idle' | 'starting' | 'holding' | 'toggled';

/** Whether this browser can record audio at all; without it the button is not shown. */
export function canRecordVoice(): boolean {
  return typeof MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

export function VoiceButton({
  disabled,
  onRecorded,
}: {
  disabled: boolean;
  /** Sends the recording; its own errors (the upload) are the caller's to show. */
  onRecorded: (voice: RecordedVoice) => Promise<void>;
}) {
  const { t } = useApp();
  const [mode, setModeShown] = useState<Mode>('idle');
  // Pointer events can come faster than renders: the handlers read the mode from this ref.
  const modeNow = useRef<Mode>('idle');
  const setMode = (next: Mode) => {
    modeNow.current = next;
    setModeShown(next);
  };
  // The microphone refused or the recorder failed: said here, since nothing was sent.
  const [failed, setFailed] = useState(false);
  const [elapsedMillis, setElapsedMillis] = useState(0);
  const recording = useRef<Recording | null>(null);
  const pressedAt = useRef(0);
  // What to do once the microphone is open, when the press ended while it was still opening.
  const pending = useRef<'none' | 'toggle' | 'send' | 'cancel'>('none');

  const cancel = () => {
    recording.current?.cancel();
    recording.current = null;
    if (modeNow.current === 'starting') pending.current = 'cancel';
    setMode('idle');
  };
  const finish = async () => {
    const current = recording.current;
    recording.current = null;
    setMode('idle');
    if (!current) return;
    if (current.elapsedMillis() < VOICE_MILLIS_MIN) {
      current.cancel();
      return;
    }
    let voice: RecordedVoice;
    try {
      voice = await current.stop();
    } catch {
      setFailed(true);
      return;
    }
    await onRecorded(voice);
  };
  const start = (next: 'holding' | 'toggled') => {
    pending.current = 'none';
    setFailed(false);
    setElapsedMillis(0);
    setMode('starting');
    Recording.start().then(
      (opened) => {
        if (pending.current === 'cancel' || modeNow.current !== 'starting') {
          opened.cancel();
          return;
        }
        recording.current = opened;
        setMode(pending.current === 'toggle' ? 'toggled' : next);
        if (pending.current === 'send') void finish();
      },
      () => {
        setMode('idle');
        setFailed(true);
      },
    );
  };
  /** A keyboard press, a screen reader's activation: start, or stop and send. */
  const toggle = () => {
    if (modeNow.current === 'idle') start('toggled');
    else if (modeNow.current === 'toggled') void finish();
  };

  // The clock on the button, and the stop at two minutes.
  useEffect(() => {
    if (mode !== 'holding' && mode !== 'toggled') return;
    const timer = setInterval(() => {
      const elapsed = recording.current?.elapsedMillis() ?? 0;
      setElapsedMillis(elapsed);
      if (elapsed >= VOICE_MILLIS_MAX) void finish();
    }, 200);
    return () => clearInterval(timer);
  }, [mode]);
  // Leaving the conversation mid-recording throws the recording away and frees the microphone.
  useEffect(() => () => recording.current?.cancel(), []);

  const recordingNow = mode !== 'idle';
  return (
    <>
      {failed && !recordingNow && (
        <span class="voice-problem error" role="alert" data-testid="voice-error">
          {t('voice.microphoneUnavailable')}
        </span>
      )}
      {recordingNow && (
        <span class="voice-recording" role="status" data-testid="voice-recording">
          <span class="voice-dot" aria-hidden="true" />
          {t('voice.recording', { time: formatVoiceDuration(elapsedMillis) })}
        </span>
      )}
      {recordingNow && (
        <button type="button" class="small voice-cancel" data-testid="voice-cancel" onClick={cancel}>
          {t('common.cancel')}
        </button>
      )}
      <button
        type="button"
        class={recordingNow ? 'voice-button recording' : 'voice-button'}
        data-testid="voice-record"
        disabled={disabled}
        aria-pressed={recordingNow}
        aria-label={recordingNow ? t('voice.stopAndSend') : t('voice.record')}
        title={recordingNow ? t('voice.stopAndSend') : t('voice.holdToRecord')}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.preventDefault();
          if (modeNow.current === 'toggled') {
            void finish();
            return;
          }
          if (modeNow.current !== 'idle') return;
          pressedAt.current = performance.now();
          (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
          start('holding');
        }}
        onPointerUp={(event) => {
          (event.currentTarget as HTMLElement).releasePointerCapture?.(event.pointerId);
          const now = modeNow.current;
          if (now !== 'holding' && now !== 'starting') return;
          const tap = performance.now() - pressedAt.current < HOLD_MILLIS_MIN;
          if (now === 'starting') pending.current = tap ? 'toggle' : 'send';
          else if (tap)
            setMode('toggled'); // a tap: keep recording until the next tap
          else void finish();
        }}
        onPointerMove={(event) => {
          // Sliding off the button while holding cancels, as in the apps people know.
          if (modeNow.current !== 'holding') return;
          const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
          const margin = 48;
          if (
            event.clientX < box.left - margin ||
            event.clientX > box.right + margin ||
            event.clientY < box.top - margin ||
            event.clientY > box.bottom + margin
          )
            cancel();
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          if (!event.repeat) toggle();
        }}
        onClick={(event) => {
          // Only clicks without a pointer (a screen reader's activation); pointers are handled above.
          if (event.detail === 0) toggle();
        }}
      >
        <MicIcon />
      </button>
    </>
  );
}

const MicIcon = () => (
  <svg
    viewBox="0 0 24 24"
    width="22"
    height="22"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
  </svg>
);
