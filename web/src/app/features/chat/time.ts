// Timestamps and day separators in the user's language (Intl does the wording).
import type { Language } from '../../api/types';

const locales: Record<Language, string> = { en: 'en', de: 'de', fr: 'fr', zh: 'zh-Hans' };

export function timeOfDay(millis: number, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { hour: '2-digit', minute: '2-digit' }).format(millis);
}

export function dayLabel(millis: number, language: Language, now = Date.now()): string {
  const day = startOfDay(millis);
  const today = startOfDay(now);
  const relative = new Intl.RelativeTimeFormat(locales[language], { numeric: 'auto' });
  const days = Math.round((day - today) / 86_400_000);
  if (days === 0 || days === -1) return relative.format(days, 'day');
  return new Intl.DateTimeFormat(locales[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: new Date(millis).getFullYear() === new Date(now).getFullYear() ? undefined : 'numeric',
  }).format(millis);
}

export function startOfDay(millis: number): number {
  const date = new Date(millis);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}
