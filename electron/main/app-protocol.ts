import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_TYPES, WIZARD_CSP } from '../config/csp';

/** The wizard's origin: a custom scheme, so it is never a file:// page with file privileges. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://wizard`;

/** Must run before `ready`: makes app:// a standard, secure origin (so CSP 'self' means it). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves dist/renderer under app://wizard/ with the CSP header; nothing outside that folder. */
export function serveAppScheme(rendererDir: string): void {
  const root = normalize(rendererDir + sep);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'wizard') return new Response('not found', { status: 404 });
    const file = normalize(join(root, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': WIZARD_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
