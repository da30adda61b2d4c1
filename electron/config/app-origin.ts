import { join, normalize, sep } from 'node:path';

/** The wizard's origin: a custom scheme, so it is never a file:// page with file privileges. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wizard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for a page of the wizard itself. Compares scheme, host and the absence of user info
 * and port directly: Node gives every `app:` URL the origin "null", so an origin check is no check.
 */
export function isWizardUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/** What the app:// handler answers: a file inside the renderer folder, or a status (never a throw). */
export type AppRequestTarget = { file: string } | { status: 400 | 404 };

/** Maps an app:// request URL to a file under `rendererDir`; a malformed escape is a 400, anything outside a 404. */
export function appRequestTarget(rendererDir: string, url: string): AppRequestTarget {
  const parsed = parse(url);
  if (parsed === null || !isWizardUrl(url)) return { status: 404 };
  let path: string;
  try {
    path = parsed.pathname === '/' ? 'index.html' : decodeURIComponent(parsed.pathname);
  } catch {
    return { status: 400 };
  }
  if (path.includes('\0')) return { status: 400 };
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, path));
  return file.startsWith(root) ? { file } : { status: 404 };
}
