// A device's name from the browser's user agent ("Chrome on Linux", "Safari on iPhone"), so the
// devices list tells one browser from another instead of naming every one "Web browser".
import type { Translate } from '../../catalogue';

/** The browser and the system it runs on, as far as the user agent says; null where unknown. */
export interface BrowserAndSystem {
  browser: string | null;
  system: string | null;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and iOS browsers
// other than Safari name themselves with their own token.
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\bChromium\//, 'Chromium'],
  [/\bHeadlessChrome\//, 'Chromium'],
  [/\b(?:Chrome|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bSafari\//, 'Safari'],
];

// iPads since iPadOS 13 claim to be a Mac; they cannot be told apart from the user agent alone.
const SYSTEMS: readonly [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

/** What a user agent string says about the browser and its system. Pure; never throws. */
export function parseUserAgent(userAgent: string): BrowserAndSystem {
  const text = userAgent.slice(0, 1_000);
  return {
    browser: BROWSERS.find(([pattern]) => pattern.test(text))?.[1] ?? null,
    system: SYSTEMS.find(([pattern]) => pattern.test(text))?.[1] ?? null,
  };
}

/** The name to register a device under: "Firefox on Windows", else the generic "Web browser". */
export function deviceNameFor(userAgent: string, t: Translate): string {
  const { browser, system } = parseUserAgent(userAgent);
  if (browser && system) return t('auth.deviceNameOn', { browser, system });
  return browser ?? t('auth.deviceName');
}
