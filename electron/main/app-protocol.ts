import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, appRequestTarget } from '../config/app-origin';
import { CONTENT_TYPES, WIZARD_CSP } from '../config/csp';

export { APP_ORIGIN, APP_SCHEME } from '../config/app-origin';

/** Must run before `ready`: makes app:// a standard, secure origin (so CSP 'self' means it). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves dist/renderer under app://wizard/ with the CSP header; nothing outside that folder. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = appRequestTarget(rendererDir, request.url);
    if ('status' in target) return new Response(target.status === 400 ? 'bad request' : 'not found', { status: target.status });
    try {
      const body = await readFile(target.file);
      return new Response(body, {
        headers: {
          'Content-Type': CONTENT_TYPES[extname(target.file)] ?? 'application/octet-stream',
          'Content-Security-Policy': WIZARD_CSP,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
