/**
 * `npm run console:preview`: the operator console in the system's Chromium against an embedded host
 * (its own SQLite store) holding sample registrations, signed in with an admin token made by the CLI.
 *   --role viewer|support|admin   who is signed in (default admin)
 *   --screenshots DIR             walk every page headless in ja and en at 1024x768 and 1920x1080, one PNG each
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { operatorRoleSchema } from '../protocol/operator-api';
import { startHost } from '../server/start-host';
import { buildRenderer } from './build-renderer';
import { launchChromium } from './preview/chromium';
import { createTokenWithCli, seedSampleRegistrations } from './preview/console-sample-data';

const { values } = parseArgs({ options: { screenshots: { type: 'string' }, role: { type: 'string', default: 'admin' } } });
const role = operatorRoleSchema.parse(values.role);

await buildRenderer();
const dir = await mkdtemp(join(tmpdir(), 'console-preview-'));
const env = { DATABASE_URL: `sqlite:${join(dir, 'registrations.sqlite')}`, DATA_DIR: dir, LOG_LEVEL: 'warn', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' };
const host = await startHost({ port: 0, operatorPort: 0, host: '127.0.0.1', env });
await seedSampleRegistrations(host.url);
const token = await createTokenWithCli(env, `preview-${role}`, role);
console.log(`console preview: ${host.operatorUrl} (signed in as ${role} with a bearer token; customer API ${host.url})`);

const PAGES = ['#/', '#/search', '#/refusals', '#/transfers?status=pending', '#/audit', '#/manifests'];
const headless = values.screenshots !== undefined;
const browser = await launchChromium(headless);
try {
  if (values.screenshots !== undefined) {
    const out = resolve(values.screenshots);
    await mkdir(out, { recursive: true });
    for (const lang of ['ja', 'en'] as const) {
      for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
        const context = await browser.newContext({ locale: lang, viewport: { width, height }, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
        const page = await context.newPage();
        for (const hash of PAGES) {
          await page.goto('about:blank');
          await page.goto(`${host.operatorUrl}/${hash}`);
          await page.locator('h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          const name = hash.replace(/^#\/?/, '').split('?')[0] || 'dashboard';
          await page.screenshot({ path: join(out, `${lang}-${width}x${height}-${name}.png`), fullPage: true });
        }
        const first = page.locator('table a.mono').first();
        await page.goto(`${host.operatorUrl}/#/search`);
        await first.waitFor({ timeout: 10_000 }).catch(() => undefined);
        if (await first.count() > 0) {
          await first.click();
          await page.locator('h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          await page.screenshot({ path: join(out, `${lang}-${width}x${height}-registration.png`), fullPage: true });
        }
        await context.close();
      }
    }
    console.log(`console preview: screenshots in ${out}`);
  } else {
    const context = await browser.newContext({ viewport: null, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const page = await context.newPage();
    await page.goto(host.operatorUrl);
    await new Promise<void>((done) => {
      page.on('close', () => done());
      process.once('SIGINT', () => done());
    });
  }
} finally {
  await browser.close();
  await host.close();
  await rm(dir, { recursive: true, force: true });
}
