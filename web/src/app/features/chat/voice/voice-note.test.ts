import { describe, expect, it } from 'vitest';
import {
  VOICE_MILLIS_MAX,
  attachmentMimeType,
  formatVoiceDuration,
  isVoiceDuration,
  recordingMimeType,
  voiceNoteName,
} from './voice-note';

describe('voice notes', () => {
  it('formats a length as minutes and seconds, rounded to the nearest second', () => {
    expect(formatVoiceDuration(0)).toBe('0:00');
    expect(formatVoiceDuration(2_400)).toBe('0:02');
    expect(formatVoiceDuration(2_600)).toBe('0:03');
    expect(formatVoiceDuration(59_999)).toBe('1:00');
    expect(formatVoiceDuration(VOICE_MILLIS_MAX)).toBe('2:00');
    expect(formatVoiceDuration(-5)).toBe('0:00');
  });

  it('accepts whole milliseconds up to two minutes only', () => {
    expect(isVoiceDuration(1)).toBe(true);
    expect(isVoiceDuration(VOICE_MILLIS_MAX)).toBe(true);
    expect(isVoiceDuration(VOICE_MILLIS_MAX + 1)).toBe(false);
    expect(isVoiceDuration(0)).toBe(false);
    expect(isVoiceDuration(1.5)).toBe(false);
    expect(isVoiceDuration('2000')).toBe(false);
  });

  it('asks for Opus in WebM first and falls back to what the browser records', () => {
    expect(recordingMimeType(() => true)).toBe('audio/webm;codecs=opus');
    expect(recordingMimeType((type) => type === 'audio/mp4')).toBe('audio/mp4');
    expect(recordingMimeType(() => false)).toBe('');
  });

  it('keeps only the base audio type for the attachment', () => {
    expect(attachmentMimeType('audio/webm;codecs=opus')).toBe('audio/webm');
    expect(attachmentMimeType('audio/mp4')).toBe('audio/mp4');
    expect(attachmentMimeType('')).toBe('audio/webm');
    expect(attachmentMimeType('text/html')).toBe('audio/webm');
  });

  it('names the attachment by a microphone and its length, the chat list preview', () => {
    expect(voiceNoteName(2_140)).toBe('🎤 0:02');
  });
});
