// A voice note's rules, without any browser machinery: how long one may be, how its length reads
// ("0:07", "2:00"), which recording format to ask the browser for, and the name it carries.

/** A voice note is at most two minutes long; recording stops and sends by itself at that point. */
export const VOICE_MILLIS_MAX = 120_000;
/** Shorter than this is a slip of the finger, not a message: it is dropped, not sent. */
export const VOICE_MILLIS_MIN = 500;

/** Formats, best first: Opus in WebM (Chromium, Firefox), Opus in Ogg, then AAC in MP4 (Safari). */
const RECORDING_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];

/** The first format the browser can record, or '' to let MediaRecorder choose its default. */
export function recordingMimeType(isTypeSupported: (type: string) => boolean): string {
  return RECORDING_TYPES.find((type) => isTypeSupported(type)) ?? '';
}

/** The attachment's content type: the recorder's type without its parameters ("audio/webm"). */
export function attachmentMimeType(recorded: string): string {
  const base = recorded.split(';')[0]!.trim().toLowerCase();
  return /^audio\/[a-z0-9.+-]{1,64}$/.test(base) ? base : 'audio/webm';
}

/** A duration as minutes and seconds, rounded to the nearest second: 2 400 ms reads "0:02". */
export function formatVoiceDuration(millis: number): string {
  const seconds = Math.max(0, Math.round(millis / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Whether a payload's duration is one a voice note can have (whole milliseconds, up to the limit). */
export function isVoiceDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= VOICE_MILLIS_MAX;
}

/**
 * The attachment's name, which the chat list shows as the preview ("🎤 0:02"): the engine knows
 * no UI language, and a microphone and a length read the same in every one.
 */
export function voiceNoteName(durationMillis: number): string {
  return `🎤 ${formatVoiceDuration(durationMillis)}`;
}
