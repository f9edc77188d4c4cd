// Checks the screen suite runs on every main screen: no message key or English fallback shows
// instead of the page's language, nothing overflows a 390 px wide phone horizontally, and axe-core
// finds no serious or critical accessibility violation. Screenshots land in
// web/target/screenshots/<lang>/ (ignored by git).
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../src/app/i18n/en';
import { CATALOGUES } from '../src/app/i18n/i18n';
import type { Language } from '../src/app/api/types';

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
const KEY_PATTERN = new RegExp(`\\b(?:${[...new Set(KEYS.map((key) => key.split('.')[0]!))].join('|')})\\.[a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*\\b`);

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
  await expect.poll(async () => (await page.locator('body').innerText()).includes(loading), { timeout: 10_000 }).toBe(false);
  // Fonts and the last layout pass.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => done(null)))));
}

/** Runs axe-core in the page and returns its violations (every impact). */
export async function axeViolations(page: Page): Promise<ScreenReport['axeViolations']> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const disabled = Object.fromEntries(Object.keys(AXE_DISABLED_RULES).map((rule) => [rule, { enabled: false }]));
  const violations = await page.evaluate(async (rules) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: {
      id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
      rules,
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
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
        culprits.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} right=${Math.round(box.right)}`);
      }
    }
    return { body, root, culprits };
  });
  expect(overflow.body.scroll, `${language} ${screen}: body ${JSON.stringify(overflow)}`).toBeLessThanOrEqual(overflow.body.client);
  expect(overflow.root.scroll, `${language} ${screen}: page ${JSON.stringify(overflow)}`).toBeLessThanOrEqual(overflow.root.client);
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
  const violations = await axeViolations(page);
  return {
    screen: name,
    language,
    axeViolations: violations.filter((violation) => BLOCKING.has(violation.impact)),
    axeNotes: violations.filter((violation) => !BLOCKING.has(violation.impact)).map((violation) => `${violation.impact} ${violation.id}`),
  };
}
