/// <reference types="vitest/config" />
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Emits sw.js from src/sw/sw-template.js with the list of files the shell needs, so the
 * service worker can cache exactly this build and drop the previous one's cache.
 */
function serviceWorker(): Plugin {
  return {
    name: 'atrium-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
      const copied = readdirSync(publicDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(publicDir, join(entry.parentPath, entry.name)));
      const files = [...Object.keys(bundle), ...copied].filter((name) => !name.endsWith('.map'));
      // The emoji data (one ~90 KB chunk per language) is fetched when the picker first opens, not
      // on install: a device downloads only its own language's list, and only if it uses the picker.
      const emojiData = new Set(
        Object.values(bundle)
          .filter((output) => output.type === 'chunk' && output.facadeModuleId?.includes('/emojibase-data/'))
          .map((output) => output.fileName),
      );
      const precache = [
        '/',
        ...files.filter((name) => name !== 'index.html' && !emojiData.has(name)).map((name) => `/${name}`),
      ];
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./src/sw/sw-template.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template
          .replace('__PRECACHE__', JSON.stringify(precache))
          .replace('__VERSION__', JSON.stringify(version)),
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [serviceWorker()],
  build: {
    // Maven packages target/classes into the atrium-web jar; the server serves its /public.
    outDir: 'target/classes/public',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/c/': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['src/app/**/*.test.ts'],
    environment: 'node',
  },
});
