import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { ja } from '../../renderer/src/i18n/ja';
import { CHROMIUM_PATH } from '../../scripts/preview/chromium';
import { existsSync } from 'node:fs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** `npm start` as a person runs it (tsx scripts/start.ts), with no display and a data folder of its own. */
async function startProduct(extraEnv: Record<string, string>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'npm-start-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATA_DIR: dataDir,
    PORT: '0',
    OPERATOR_PORT: '0',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_TIME_COST: '1',
    ...extraEnv,
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'scripts/start.ts')], { cwd: ROOT, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const match = pattern.exec(out);
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}: ${out}\n${err}`);
      if (Date.now() > deadline) throw new Error(`npm start did not print ${pattern} in 90 s: ${out}\n${err}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, dataDir, exited, waitFor, output: () => out };
}

describe('npm start', () => {
  it('without Electron and without a display keeps the host running, prints where everything is, and exits 0 on Ctrl-C', async () => {
    const product = await startProduct({ START_WIZARD: 'none' });
    const block = await product.waitFor(/Press Ctrl-C to stop\./);
    const customer = /customer API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(product.output())?.[1];
    expect(customer, block[0]).toBeDefined();
    expect(product.output()).toContain('wizard            not shown: there is no Electron binary and no display.');
    expect(product.output()).toContain('npm run preview -- --screenshots DIR');
    const operator = /operator console\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(product.output())?.[1];
    expect(operator, block[0]).toBeDefined();
    const consolePage = await fetch(`${operator}/`);
    expect(consolePage.status).toBe(200);
    expect(consolePage.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await (await fetch(`${operator}/auth/status`)).json()).toEqual({ oidcConfigured: true });
    expect(product.output()).toMatch(/sign in at the sample provider as viewer, support or admin/);
    expect((await fetch(`${customer}/operator/api/v1/me`)).status).toBe(404);
    const health = await fetch(`${customer}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await readdir(product.dataDir)).toContain('registrations.sqlite');
    product.child.kill('SIGINT');
    expect(await product.exited).toBe(0);
    expect(product.output()).toContain('npm start: stopped cleanly.');
  });

  it.skipIf(!existsSync(CHROMIUM_PATH) && process.env.CI !== 'true')('without Electron opens the wizard in Chromium with the real handlers and reaches the welcome page', async () => {
    const product = await startProduct({ START_WIZARD: 'chromium-headless', CHROMIUM_PATH });
    const opened = await product.waitFor(/wizard: opened in Chromium on "([^"]*)"/);
    expect([en.welcome.heading, ja.welcome.heading]).toContain(opened[1]);
    expect(product.output()).toContain('wizard            in a Chromium window');
    product.child.kill('SIGINT');
    expect(await product.exited).toBe(0);
  });
});
