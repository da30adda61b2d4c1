import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { databaseVariants } from '../support/databases';
import { request } from '../support/http';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('client-address.test');
const LIMIT = 5;

/** Sends `count` form requests, each with a fresh X-Forwarded-For, and returns their statuses. */
async function rotateForwardedFor(url: string, count: number, header: (index: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index += 1) {
    statuses.push((await request(url, 'GET', '/api/v1/form', { headers: { 'x-forwarded-for': header(index) } })).status);
  }
  return statuses;
}

describe('TRUST_PROXY values', () => {
  it('refuses true with a line naming TRUST_PROXY, takes a hop count or a list of addresses/CIDRs', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/^Invalid configuration: TRUST_PROXY /);
    expect(() => loadConfig({ TRUST_PROXY: 'not an address' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1 ,::1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(loadConfig({ TRUST_PROXY: 'loopback, uniquelocal' }).trustProxy).toEqual(['loopback', 'uniquelocal']);
  });
});

describe.each(variants)('client address and rate limit on $kind', (variant) => {
  describe('behind one proxy (TRUST_PROXY=1)', () => {
    const suite = useTestHost(variant, { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' });
    it('limits a client rotating X-Forwarded-For: only the address the proxy appended counts', async () => {
      const statuses = await rotateForwardedFor(suite.host.url, LIMIT + 3, (index) => `spoofed-${index}, 127.0.0.1`);
      expect(statuses.slice(0, LIMIT)).toEqual(Array<number>(LIMIT).fill(200));
      expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    });
  });

  describe('behind listed proxies (TRUST_PROXY=127.0.0.1)', () => {
    const suite = useTestHost(variant, { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: '127.0.0.0/8' });
    it('takes the first untrusted address from the right, whatever the client put on the left', async () => {
      const statuses = await rotateForwardedFor(suite.host.url, LIMIT + 2, (index) => `198.51.100.${index}, 203.0.113.9`);
      expect(statuses.slice(LIMIT)).toEqual([429, 429]);
      const other = await request(suite.host.url, 'GET', '/api/v1/form', { headers: { 'x-forwarded-for': '203.0.113.10' } });
      expect(other.status).toBe(200);
    });
  });

  describe('with no proxy trusted', () => {
    const suite = useTestHost(variant, { RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    it('ignores X-Forwarded-For and reports the misconfiguration as one JSON log line', async () => {
      const statuses = await rotateForwardedFor(suite.host.url, LIMIT + 1, (index) => `198.51.100.${index}`);
      expect(statuses.at(-1)).toBe(429);
      const warnings = suite.host.logs.filter((line) => line.includes('ERR_ERL_UNEXPECTED_X_FORWARDED_FOR'));
      expect(warnings).toHaveLength(1);
      const entry = JSON.parse(warnings[0] ?? '{}') as { level?: number; code?: string; msg?: string };
      expect([40, 50]).toContain(entry.level);
      expect(entry.code).toBe('ERR_ERL_UNEXPECTED_X_FORWARDED_FOR');
      expect(entry.msg).not.toContain('\n');
      expect(suite.host.logs.some((line) => line.includes('    at '))).toBe(false);
    });
  });
});
