import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { CONTENT_TYPES, WIZARD_CSP } from '../../electron/config/csp';

/** The origin the built wizard is served from in Chromium; no socket is opened for it. */
export const WIZARD_ORIGIN = 'http://wizard.localhost';
export const RENDERER_DIR = resolve(import.meta.dirname, '../../dist/renderer');

/**
 * Serves dist/renderer to the page by request interception, with the same CSP header the
 * app:// protocol sends, so the preview runs under the app's policy.
 */
export async function serveRenderer(page: Page, dir: string = RENDERER_DIR): Promise<void> {
  await page.route(`${WIZARD_ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(dir)) return route.fulfill({ status: 404, body: '' });
    try {
      const body = await readFile(file);
      return route.fulfill({
        status: 200,
        body,
        headers: { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': WIZARD_CSP },
      });
    } catch {
      return route.fulfill({ status: 404, body: '' });
    }
  });
}
