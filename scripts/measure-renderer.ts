/**
 * `npm run measure:renderer`: the renderer's gzip size and its time to first paint in Chromium
 * (targets: ≤ 300 KB, ≤ 1 s), measured on the built files with the real handlers behind them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildRenderer } from './build-renderer';
import { bridgeDesktop } from './preview/bridge';
import { launchChromium } from './preview/chromium';
import { RENDERER_DIR, WIZARD_ORIGIN, serveRenderer } from './preview/serve-renderer';
import { startWizardStack } from './preview/wizard-stack';

const RUNS = 5;
/** Runs in the page (DOM types, not Node's): resolves with first-contentful-paint once Chromium records it. */
const FIRST_PAINT = `new Promise((resolve) => {
  const now = performance.now();
  new PerformanceObserver((list) => {
    const paint = list.getEntries().find((entry) => entry.name === 'first-contentful-paint');
    if (paint) resolve({ fcp: paint.startTime, now });
  }).observe({ type: 'paint', buffered: true });
})`;
await buildRenderer();

let gzipBytes = 0;
let rawBytes = 0;
for (const dir of [RENDERER_DIR, join(RENDERER_DIR, 'assets')]) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const bytes = await readFile(join(dir, entry.name));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
}

const stack = await startWizardStack({ replayDir: resolve(import.meta.dirname, '../tests/fixtures/replay/office-pc'), locale: 'ja-JP' });
const browser = await launchChromium(true);
const paints: number[] = [];
const ready: number[] = [];
try {
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await serveRenderer(page);
    await bridgeDesktop(page, stack.handlers);
    await page.goto(`${WIZARD_ORIGIN}/index.html`);
    await page.locator('[data-step="welcome"] h1').waitFor();
    const timing = await page.evaluate<{ fcp: number; now: number }>(FIRST_PAINT);
    paints.push(timing.fcp);
    ready.push(timing.now);
    await context.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const fcp = median(paints);
console.log(`renderer bundle: ${kb(rawBytes)} KB raw, ${kb(gzipBytes)} KB gzip (target ≤ 300 KB)`);
console.log(`first contentful paint: median ${fcp.toFixed(0)} ms over ${RUNS} loads (target ≤ 1000 ms); welcome page ready at ${median(ready).toFixed(0)} ms`);
process.exitCode = gzipBytes <= 300 * 1024 && fcp <= 1000 ? 0 : 1;
