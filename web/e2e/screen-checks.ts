// Checks the screen suite runs on every main screen: no message key or English fallback shows
// instead of the page's language, nothing overflows a 390 px wide phone horizontally, no text is
// laid out one letter per line, no controls or texts overlap, and axe-core finds no serious or
// critical accessibility violation; in chats, the newest message shows above a composer at the
// bottom. Screenshots land in web/target/screenshots/<lang>/ (ignored by git).
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { CATALOGUES } from '../src/app/catalogue';
import type { Language } from '../src/app/api/types';

const en = CATALOGUES.en;

const SCREENSHOT_ROOT = resolve(import.meta.dirname, '../target/screenshots');
const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * axe rules switched off, each with its reason. Everything else in WCAG 2.0/2.1 A and AA and
 * axe's best practices runs; a serious or critical violation fails the test.
 */
export const AXE_DISABLED_RULES: Record<string, string> = {
  // None: every violation found was fixed in the app.
};

const KEYS = Object.keys(en);
/** Message keys look like "wallet.title": the first part is one of the catalogue's areas. */
const KEY_PATTERN = new RegExp(
  `\\b(?:${[...new Set(KEYS.map((key) => key.split('.')[0]!))].join('|')})\\.[a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*\\b`,
);

/**
 * English sentences that would only show in another language if a text fell back to English:
 * the literal parts (between {placeholders}) of the English messages that the language
 * translates differently, at least 12 characters and two words long.
 */
function englishFragments(language: Language): string[] {
  if (language === 'en') return [];
  const catalogue = CATALOGUES[language] as Record<string, string>;
  const fragments = new Set<string>();
  for (const key of KEYS) {
    const english = (en as Record<string, string>)[key]!;
    if (catalogue[key] === english) continue;
    for (const part of english.split(/\{\w+\}/)) {
      const trimmed = part.trim();
      if (trimmed.length >= 12 && trimmed.includes(' ')) fragments.add(trimmed);
    }
  }
  return [...fragments];
}

const fragmentsByLanguage = new Map<Language, string[]>();

export interface ScreenReport {
  screen: string;
  language: Language;
  /** Serious and critical: these fail the test. */
  axeViolations: { id: string; impact: string; help: string; nodes: string[] }[];
  /** Moderate and minor rule ids: reported, not failed. */
  axeNotes: string[];
}

/** Waits until no "Loading …" of the language is on screen (at most 10 s). */
export async function settle(page: Page, language: Language): Promise<void> {
  const loading = CATALOGUES[language]['common.loading'];
  await expect
    .poll(async () => (await page.locator('body').innerText()).includes(loading), { timeout: 10_000 })
    .toBe(false);
  // Fonts and the last layout pass.
  await page.evaluate(() =>
    document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => done(null)))),
  );
}

/** Runs axe-core in the page and returns its violations (every impact). */
export async function axeViolations(page: Page): Promise<ScreenReport['axeViolations']> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const disabled = Object.fromEntries(Object.keys(AXE_DISABLED_RULES).map((rule) => [rule, { enabled: false }]));
  const violations = await page.evaluate(async (rules) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[]; failureSummary?: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
      rules,
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes
        .slice(0, 5)
        .map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
    }));
  }, disabled);
  return violations;
}

const BLOCKING = new Set(['serious', 'critical']);

/** The screen's text holds no message key and, outside English, no English message. */
export async function expectTranslated(page: Page, language: Language, screen: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const key = KEY_PATTERN.exec(text)?.[0];
  expect(key, `${language} ${screen}: message key "${key}" shown as text`).toBeUndefined();
  if (!fragmentsByLanguage.has(language)) fragmentsByLanguage.set(language, englishFragments(language));
  const english = fragmentsByLanguage.get(language)!.find((fragment) => text.includes(fragment));
  expect(english, `${language} ${screen}: English text "${english}" shown`).toBeUndefined();
}

/** Nothing is wider than the viewport: the page never scrolls sideways. */
export async function expectNoHorizontalOverflow(page: Page, language: Language, screen: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const widest = (element: Element) => ({ scroll: element.scrollWidth, client: element.clientWidth });
    const body = widest(document.body);
    const root = widest(document.documentElement);
    // The elements that stick out to the right, to name the culprit.
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > innerWidth + 1 && culprits.length < 5) {
        culprits.push(
          `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} right=${Math.round(box.right)}`,
        );
      }
    }
    return { body, root, culprits };
  });
  expect(overflow.body.scroll, `${language} ${screen}: body ${JSON.stringify(overflow)}`).toBeLessThanOrEqual(
    overflow.body.client,
  );
  expect(overflow.root.scroll, `${language} ${screen}: page ${JSON.stringify(overflow)}`).toBeLessThanOrEqual(
    overflow.root.client,
  );
}

export async function screenshotTo(page: Page, language: Language, name: string): Promise<void> {
  const dir = join(SCREENSHOT_ROOT, language);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/**
 * Everything the suite checks on one screen; returns the axe violations so a test can list all
 * of them at once instead of stopping at the first screen.
 */
export async function checkScreen(page: Page, language: Language, name: string): Promise<ScreenReport> {
  await settle(page, language);
  await screenshotTo(page, language, name);
  await expectTranslated(page, language, name);
  await expectNoHorizontalOverflow(page, language, name);
  await expectNoBrokenWords(page, language, name);
  await expectNoOverlap(page, language, name);
  await expectNoCutPlaceholders(page, language, name);
  const violations = await axeViolations(page);
  return {
    screen: name,
    language,
    axeViolations: violations.filter((violation) => BLOCKING.has(violation.impact)),
    axeNotes: violations
      .filter((violation) => !BLOCKING.has(violation.impact))
      .map((violation) => `${violation.impact} ${violation.id}`),
  };
}

/**
 * No text is laid out one letter per line: no word of an alphabetic script (2 to 24 letters or
 * digits; links and codes hold other characters and may break anywhere) is broken across lines, and no text runs over three or more lines with fewer
 * than four characters a line. Chinese breaks between any two characters, so only its line
 * count is checked; a hyphen is a fair place to break ("Ende-zu-Ende-…").
 */
export async function expectNoBrokenWords(page: Page, language: Language, screen: string): Promise<void> {
  const broken = await page.evaluate(() => {
    const found: string[] = [];
    const lineCount = (range: Range) =>
      new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && found.length < 5; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || text.trim() === '' || parent.closest('.visually-hidden, script, style, textarea')) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || parent.getClientRects().length === 0) continue;
      const whole = document.createRange();
      whole.selectNodeContents(node);
      const lines = lineCount(whole);
      const characters = text.trim().length;
      if (lines >= 3 && characters / lines < 4) {
        found.push(
          `"${text.trim().slice(0, 40)}" in ${lines} lines (${parent.tagName.toLowerCase()}.${[...parent.classList].join('.')})`,
        );
        continue;
      }
      // Words between spaces and hyphens, without the punctuation around them ("@ann", "(Bob)").
      for (const match of text.matchAll(/[^\s-]+/g)) {
        const core = /^[^\p{L}\p{N}]*(.*?)[^\p{L}\p{N}]*$/u.exec(match[0])![1]!;
        if (!/^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}'’]{2,24}$/u.test(core)) continue;
        const start = match.index + match[0].indexOf(core);
        const word = document.createRange();
        word.setStart(node, start);
        word.setEnd(node, start + core.length);
        if (lineCount(word) > 1) {
          found.push(
            `word "${core}" broken across lines (${parent.tagName.toLowerCase()}.${[...parent.classList].join('.')})`,
          );
          break;
        }
      }
    }
    return found;
  });
  expect(broken, `${language} ${screen}: text laid out letter by letter: ${broken.join('; ')}`).toEqual([]);
}

/**
 * No two visible controls or texts overlap: the boxes of buttons, inputs and links, and of the
 * text itself in other elements (a centred title's box is wider than its words), intersect only
 * when one holds the other. Content that scrolls under a fixed or sticky
 * bar is compared only with its own layer, since the bar hides it.
 */
/**
 * Every visible empty field's placeholder fits its box: a placeholder cut off at the right edge
 * ("Chats, Kontakte und Nachrichten durc") tells a person only half of what to type.
 */
export async function expectNoCutPlaceholders(page: Page, language: Language, screen: string): Promise<void> {
  const cut = await page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d')!;
    const found: string[] = [];
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
      'input[placeholder], textarea[placeholder]',
    )) {
      const box = field.getBoundingClientRect();
      if (field.value !== '' || box.width === 0 || !field.placeholder) continue;
      const style = getComputedStyle(field);
      context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      // A textarea wraps its placeholder; only single-line fields cut it off.
      if (field.tagName === 'INPUT' && context.measureText(field.placeholder).width > room + 1) {
        found.push(
          `"${field.placeholder}" (${Math.round(context.measureText(field.placeholder).width)} px in ${Math.round(room)} px)`,
        );
      }
    }
    return found.slice(0, 5);
  });
  expect(cut, `${language} ${screen}: placeholder cut off`).toEqual([]);
}

export async function expectNoOverlap(page: Page, language: Language, screen: string): Promise<void> {
  const overlaps = await page.evaluate(() => {
    const layerOf = (element: Element): Element | null => {
      for (let at: Element | null = element; at; at = at.parentElement) {
        const position = getComputedStyle(at).position;
        if (position === 'fixed' || position === 'sticky') return at;
      }
      return null;
    };
    // What a scrolling ancestor clips away is not on screen: a message scrolled up out of the
    // chat's list lies under the notices above the list only in numbers, not to the eye.
    const clipped = (element: Element, box: DOMRect): DOMRect => {
      let { left, top, right, bottom } = box;
      for (let at = element.parentElement; at && at !== document.body; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const clip = at.getBoundingClientRect();
        left = Math.max(left, clip.left);
        top = Math.max(top, clip.top);
        right = Math.min(right, clip.right);
        bottom = Math.min(bottom, clip.bottom);
      }
      return new DOMRect(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
    };
    const visible = (element: Element) => {
      const box = clipped(element, element.getBoundingClientRect());
      if (box.width < 3 || box.height < 3 || box.bottom <= 0 || box.top >= innerHeight) return false;
      for (let at: Element | null = element; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (style.visibility === 'hidden' || style.opacity === '0' || style.display === 'none') return false;
      }
      return !element.closest('.visually-hidden');
    };
    const hasOwnText = (element: Element) =>
      [...element.childNodes].some(
        (child) => child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim() !== '',
      );
    const items = [...document.body.querySelectorAll('*')]
      .filter((element) => element.matches('button, input, textarea, select, a[href]') || hasOwnText(element))
      .filter(visible);
    const boxOf = (element: Element) => {
      if (element.matches('button, input, textarea, select, a[href]'))
        return clipped(element, element.getBoundingClientRect());
      const text = document.createRange();
      text.selectNodeContents(element);
      return clipped(element, text.getBoundingClientRect());
    };
    const found: string[] = [];
    const label = (element: Element) =>
      `${element.tagName.toLowerCase()}${
        element.getAttribute('data-testid') ? `[${element.getAttribute('data-testid')}]` : ''
      } "${(element.textContent ?? '').trim().slice(0, 20)}"`;
    for (let i = 0; i < items.length && found.length < 5; i++) {
      for (let j = i + 1; j < items.length && found.length < 5; j++) {
        const a = items[i]!;
        const b = items[j]!;
        if (a.contains(b) || b.contains(a) || layerOf(a) !== layerOf(b)) continue;
        const boxA = boxOf(a);
        const boxB = boxOf(b);
        const width = Math.min(boxA.right, boxB.right) - Math.max(boxA.left, boxB.left);
        const height = Math.min(boxA.bottom, boxB.bottom) - Math.max(boxA.top, boxB.top);
        if (width > 2 && height > 2) found.push(`${label(a)} overlaps ${label(b)}`);
      }
    }
    return found;
  });
  expect(overlaps, `${language} ${screen}: overlapping controls: ${overlaps.join('; ')}`).toEqual([]);
}

/**
 * In an open chat: the composer sits at the bottom of the viewport, and the newest message is
 * wholly visible between the title bar and the composer (not under either, nor scrolled away).
 */
export async function expectNewestMessageVisible(page: Page, language: Language, screen: string): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const composer = document.querySelector('.composer')?.getBoundingClientRect();
          const bar = document.querySelector('.bar')?.getBoundingClientRect();
          const messages = document.querySelectorAll('[data-testid=message]');
          const newest = messages[messages.length - 1]?.getBoundingClientRect();
          if (!composer || !bar || !newest)
            return `composer ${!!composer}, title bar ${!!bar}, newest message ${!!newest}`;
          const problems: string[] = [];
          if (innerHeight - composer.bottom > 4)
            problems.push(`composer ends ${Math.round(innerHeight - composer.bottom)} px above the viewport's bottom`);
          const tabs = document.querySelector('.tabs');
          if (tabs && tabs.getClientRects().length > 0 && getComputedStyle(tabs).position === 'fixed')
            problems.push('tab bar shown in the chat');
          if (newest.bottom > composer.top + 1)
            problems.push(
              `newest message ends at ${Math.round(newest.bottom)}, below the composer's top ${Math.round(composer.top)}`,
            );
          if (newest.top < bar.bottom - 1)
            problems.push(
              `newest message starts at ${Math.round(newest.top)}, above the title bar's bottom ${Math.round(bar.bottom)}`,
            );
          return problems.join('; ') || 'ok';
        }),
      { timeout: 5_000, message: `${language} ${screen}: newest message and composer` },
    )
    .toBe('ok');
}
