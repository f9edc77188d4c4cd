import { describe, expect, it } from 'vitest';
import { translator } from '../../catalogue';
import { deviceNameFor, parseUserAgent } from './device-name';

const AGENTS = {
  chromiumLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/120.0.0.0 Chrome/120.0.0.0 Safari/537.36',
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  samsungAndroid:
    'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  operaWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0',
  firefoxIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};

describe('parseUserAgent', () => {
  it.each([
    ['chromiumLinux', 'Chromium', 'Linux'],
    ['chromeLinux', 'Chrome', 'Linux'],
    ['headless', 'Chromium', 'Linux'],
    ['safariIphone', 'Safari', 'iPhone'],
    ['chromeIphone', 'Chrome', 'iPhone'],
    ['firefoxWindows', 'Firefox', 'Windows'],
    ['edgeWindows', 'Edge', 'Windows'],
    ['safariMac', 'Safari', 'macOS'],
    ['chromeAndroid', 'Chrome', 'Android'],
    ['samsungAndroid', 'Samsung Internet', 'Android'],
    ['operaWindows', 'Opera', 'Windows'],
    ['firefoxIpad', 'Firefox', 'iPad'],
    ['chromebook', 'Chrome', 'ChromeOS'],
  ] as const)('%s is %s on %s', (agent, browser, system) => {
    expect(parseUserAgent(AGENTS[agent])).toEqual({ browser, system });
  });

  it('knows nothing from an empty or odd user agent', () => {
    expect(parseUserAgent('')).toEqual({ browser: null, system: null });
    expect(parseUserAgent('curl/8.5.0')).toEqual({ browser: null, system: null });
  });
});

describe('deviceNameFor', () => {
  it('names the browser and system in the UI language', () => {
    expect(deviceNameFor(AGENTS.chromiumLinux, translator('en'))).toBe('Chromium on Linux');
    expect(deviceNameFor(AGENTS.safariIphone, translator('de'))).toBe('Safari auf iPhone');
    expect(deviceNameFor(AGENTS.firefoxWindows, translator('fr'))).toBe('Firefox sur Windows');
  });

  it('falls back to the browser alone, then to "Web browser"', () => {
    expect(deviceNameFor('Mozilla/5.0 Firefox/125.0', translator('en'))).toBe('Firefox');
    expect(deviceNameFor('', translator('en'))).toBe('Web browser');
  });
});
