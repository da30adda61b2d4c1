import { describe, expect, it } from 'vitest';
import { databaseVariants } from '../support/databases';
import { newRegistration, PASSWORD, pc } from '../support/fixtures';
import { request } from '../support/http';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('hash-queue.test');
// A hash slow enough (tens of ms) that a burst is all queued before much of it is done.
const SLOW_HASH = { PASSWORD_HASH_MEMORY_KIB: '8192', PASSWORD_HASH_TIME_COST: '6', PASSWORD_HASH_CONCURRENCY: '1', TRUST_PROXY: '1', LOG_LEVEL: 'warn' };

const from = (address: string) => ({ 'x-forwarded-for': address });

describe.each(variants)('the password-hash queue on $kind', (variant) => {
  describe('bounded', () => {
    const suite = useTestHost(variant, { ...SLOW_HASH, PASSWORD_HASH_QUEUE: '8' });
    it('answers 503 SERVICE_UNAVAILABLE with Retry-After beyond the bound, never waits without end', async () => {
      const responses = await Promise.all(
        Array.from({ length: 60 }, () => request(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device: pc(), password: PASSWORD }, headers: from('198.51.100.1') })),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status !== 401 && status !== 503)).toEqual([]);
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(30);
      for (const response of responses.filter((item) => item.status === 503)) {
        expect((response.body as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect((await request(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration() })).status).toBe(201);
    });
  });

  describe('fair between clients', () => {
    const suite = useTestHost(variant, { ...SLOW_HASH, PASSWORD_HASH_QUEUE: '64' });
    it('lets a registration from another client through ahead of one client’s burst of lookups', async () => {
      let burstDone = 0;
      const burst = Array.from({ length: 40 }, () =>
        request(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device: pc(), password: PASSWORD }, headers: from('198.51.100.1') }).then((response) => {
          burstDone += 1;
          return response.status;
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      const registration = await request(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration(), headers: from('203.0.113.7') });
      const doneBeforeRegistration = burstDone;
      expect(registration.status).toBe(201);
      const statuses = await Promise.all(burst);
      expect(statuses.every((status) => status === 401)).toBe(true);
      // First come, first served would finish (nearly) the whole burst first; round-robin lets it in after a few.
      expect(doneBeforeRegistration).toBeLessThan(20);
    });
  });
});
