/** Loopback hosts: the only place plain http is allowed (the embedded host, tests). */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** True when the URL names this machine, so plain http cannot leak anything onto a network. */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK.test(url.hostname);
}

/**
 * Refuses host URLs that would send personal information in clear: https everywhere,
 * http only to loopback. Returns the URL without a trailing slash.
 */
export function checkHostUrl(raw: string): string {
  const url = new URL(raw);
  if (url.protocol === 'https:') return url.toString().replace(/\/+$/, '');
  if (url.protocol === 'http:' && isLoopbackUrl(url)) return url.toString().replace(/\/+$/, '');
  throw new Error(`REGISTRATION_HOST_URL must be https (plain http only to loopback): ${url.origin}`);
}
