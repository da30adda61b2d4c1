import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/preview/chromium';
import type { WizardOptions } from './tests/e2e/support/fixtures';

/** The wizard in Debian's Chromium against a real host on SQLite and the replayed office PC, in both languages. */
export default defineConfig<WizardOptions>({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/playwright',
  globalSetup: './tests/e2e/support/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'ja', use: { lang: 'ja' } },
    { name: 'en', use: { lang: 'en' } },
  ],
});
