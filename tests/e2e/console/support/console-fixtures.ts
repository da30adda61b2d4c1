import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { OperatorRole } from '../../../../protocol/operator-api';
import { en } from '../../../../renderer/console/i18n/en';
import { ja } from '../../../../renderer/console/i18n/ja';
import { startHost } from '../../../../server/start-host';
import { axeViolations } from '../../support/axe';
import { createTestToken } from '../../../support/operator-tokens';
import type { WizardOptions } from '../../support/fixtures';

export const CONSOLE_SCREENSHOTS = resolve(import.meta.dirname, '../../../../test-results/screenshots/console');

interface ConsoleHost {
  url: string;
  /** Makes an operator token of the role in the host's own database (what `npm run operator -- token create` stores). */
  token(role: OperatorRole): Promise<string>;
}

interface ConsoleFixtures {
  /** A real host on its own SQLite store, serving the built console (dist/console) on its operator listener. */
  consoleHost: ConsoleHost;
  /** The console's strings in the project's language, so assertions read what the operator reads. */
  text: typeof en;
  /** Opens the console, signed in with a bearer token of the role when one is given (the host accepts tokens from any client). */
  openConsole: (role?: OperatorRole, hash?: string) => Promise<void>;
  /** Checks focus is on the page's heading, runs axe and keeps test-results/screenshots/console/<name>-<lang>.png. */
  checkpoint: (name: string) => Promise<void>;
}

export const test = base.extend<ConsoleFixtures & WizardOptions>({
  lang: ['ja', { option: true }],
  locale: async ({ lang }, use) => use(lang === 'ja' ? 'ja-JP' : 'en-US'),
  text: async ({ lang }, use) => use(lang === 'ja' ? ja : en),

  consoleHost: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'console-host-'));
    const database = { url: `sqlite:${join(dir, 'registrations.sqlite')}`, dataDir: dir };
    const host = await startHost({ port: 0, operatorPort: 0, host: '127.0.0.1', databaseUrl: database.url, dataDir: dir, env: { LOG_LEVEL: 'warn' } });
    await use({ url: host.operatorUrl, token: (role) => createTestToken(database, role) });
    await host.close();
    await rm(dir, { recursive: true, force: true });
  },

  openConsole: async ({ page, consoleHost }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await use(async (role, hash = '') => {
      if (role !== undefined) await page.context().setExtraHTTPHeaders({ Authorization: `Bearer ${await consoleHost.token(role)}` });
      await page.goto('about:blank');
      await page.goto(`${consoleHost.url}/${hash}`);
    });
    // No script error reached the page (the host's CSP and the console's own both held).
    expect(problems).toEqual([]);
  },

  checkpoint: async ({ page, lang }, use) => {
    await mkdir(CONSOLE_SCREENSHOTS, { recursive: true });
    await use(async (name) => {
      await expect(page.locator('h1')).toBeFocused();
      expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
      await page.screenshot({ path: resolve(CONSOLE_SCREENSHOTS, `${name}-${lang}.png`), fullPage: true });
    });
  },
});

export { expect };
