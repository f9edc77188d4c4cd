// Prints the gzipped size of the JavaScript that the first page load fetches (the scripts and
// module preloads index.html names) and fails the build above the product's budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES_GZIP = 250 * 1024;
const outDir = new URL('../target/classes/public/', import.meta.url).pathname;
const html = readFileSync(join(outDir, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
let totalBytes = 0;
let totalGzipBytes = 0;
for (const script of new Set(scripts)) {
  const bytes = readFileSync(join(outDir, script));
  const gzipBytes = gzipSync(bytes, { level: 9 }).length;
  totalBytes += bytes.length;
  totalGzipBytes += gzipBytes;
  console.log(`web: ${script} ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(1)} KB gzipped`);
}
console.log(
  `web: first-load JS ${(totalGzipBytes / 1024).toFixed(1)} KB gzipped (${(totalBytes / 1024).toFixed(1)} KB raw); budget ${BUDGET_BYTES_GZIP / 1024} KB gzipped`,
);
// Everything else (the chat engine with ts-mls) is loaded after sign-in: reported, not budgeted.
let allGzipBytes = 0;
for (const name of readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'))) {
  allGzipBytes += gzipSync(readFileSync(join(outDir, 'assets', name)), { level: 9 }).length;
}
console.log(`web: all JS including chunks loaded later ${(allGzipBytes / 1024).toFixed(1)} KB gzipped`);
if (scripts.length === 0 || totalGzipBytes > BUDGET_BYTES_GZIP) {
  console.error(scripts.length === 0 ? 'web: index.html names no script' : 'web: first-load JS is over budget');
  process.exit(1);
}
