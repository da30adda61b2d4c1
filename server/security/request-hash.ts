import crypto from 'node:crypto';

/** JSON with object keys sorted at every level, so two bodies differing only in key order hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Keyed hash (HMAC-SHA-256) of a value; the host keeps this instead of the body or a raw device key. */
export function keyedHash(key: Uint8Array, value: unknown): string {
  return crypto.createHmac('sha256', key).update(typeof value === 'string' ? value : canonicalJson(value)).digest('base64url');
}
