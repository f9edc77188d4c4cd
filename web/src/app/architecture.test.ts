// The web client's layering, checked on the imports of every source file (as ArchitectureTest
// does for the server): features sit on a thin base (api, components, i18n, mls, store and the
// app's state, router and hooks), the base never imports a feature, only the composition root
// (App.tsx, main.tsx, catalogue.ts) puts features together, and a feature uses another only
// through that feature's index.ts (what it declares for others) and only along the edges listed
// here, so no two features import each other.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = dirname(fileURLToPath(import.meta.url));
/** The composition root: it alone puts the features together. */
const COMPOSITION_ROOT = new Set(['App.tsx', 'main.tsx', 'catalogue.ts', 'catalogue.test.ts']);
/** The base's folders: shared by every feature, they know none (not even through the root). */
const BASE_FOLDERS = new Set(['api', 'components', 'i18n', 'mls', 'store']);
/** Which feature may import which, and why. */
const FEATURE_EDGES: Record<string, string[]> = {
  // Chats show payment cards and the payment sheet; the wallet knows nothing of chats.
  chat: ['wallet'],
  // A contact's page opens the direct chat with them.
  contacts: ['chat'],
  // Signing in offers linking from another device and names the new device; the Me page holds
  // chat's read-receipt setting.
  account: ['chat', 'devices'],
  // Badges and notifications read the chat engine's unread counts, new messages and muted chats.
  // The Contacts badge counts incoming contact requests.
  notifications: ['chat', 'contacts'],
  // A shop pays out to an IBAN and takes the wallet's PIN, amounts and idempotency keys.
  merchants: ['wallet'],
  // Discover → Scan recognises every code Atrium makes, each with its own feature's (pure) parser.
  discover: ['chat', 'contacts', 'devices', 'wallet'],
};

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The feature a file belongs to, or undefined for the base. */
function featureOf(path: string): string | undefined {
  const parts = relative(ROOT, path).split('/');
  return parts[0] === 'features' ? parts[1] : undefined;
}

const imports = sources(ROOT).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g)].map((match) => ({
    file: relative(ROOT, file),
    target: resolve(dirname(file), match[1]!),
  })),
);

/** Whether an import target is the feature's index.ts (imported as the folder or as the file). */
function isIndex(target: string, feature: string): boolean {
  const folder = join(ROOT, 'features', feature);
  return target === folder || target === join(folder, 'index');
}

describe('architecture', () => {
  it('the base never imports a feature', () => {
    const offending = imports.filter(
      ({ file, target }) =>
        featureOf(join(ROOT, file)) === undefined && !COMPOSITION_ROOT.has(file) && featureOf(target) !== undefined,
    );
    expect(offending.map(({ file, target }) => `${file} -> ${relative(ROOT, target)}`)).toEqual([]);
  });

  it('the listed edges form no cycle', () => {
    const cycles: string[] = [];
    const visit = (feature: string, path: string[]) => {
      if (path.includes(feature)) return void cycles.push([...path, feature].join(' -> '));
      for (const next of FEATURE_EDGES[feature] ?? []) visit(next, [...path, feature]);
    };
    for (const feature of Object.keys(FEATURE_EDGES)) visit(feature, []);
    expect(cycles).toEqual([]);
  });

  // Tests may reach further, along the same edges, to build fixtures with the real code (a
  // safety number QR text, an EMVCo checksum) that the index would otherwise have to export,
  // and with it pull a lazily loaded module into the first load.
  it('features import another feature only through its index.ts', () => {
    const offending = imports.filter(({ file, target }) => {
      const from = featureOf(join(ROOT, file));
      const to = featureOf(target);
      return (
        from !== undefined && to !== undefined && from !== to && !isIndex(target, to) && !file.endsWith('.test.ts')
      );
    });
    expect(offending.map(({ file, target }) => `${file} -> ${relative(ROOT, target)}`)).toEqual([]);
  });

  it('no folder of the base imports a feature, nor the composition root', () => {
    const root = [...COMPOSITION_ROOT].map((file) => join(ROOT, file.replace(/\.tsx?$/, '')));
    const offending = imports.filter(
      ({ file, target }) =>
        BASE_FOLDERS.has(file.split('/')[0]!) && (featureOf(target) !== undefined || root.includes(target)),
    );
    expect(offending.map(({ file, target }) => `${file} -> ${relative(ROOT, target)}`)).toEqual([]);
  });

  it('features import other features only along the listed edges', () => {
    const offending = imports.filter(({ file, target }) => {
      const from = featureOf(join(ROOT, file));
      const to = featureOf(target);
      return from !== undefined && to !== undefined && from !== to && !(FEATURE_EDGES[from] ?? []).includes(to);
    });
    expect(offending.map(({ file, target }) => `${file} -> ${relative(ROOT, target)}`)).toEqual([]);
  });
});
