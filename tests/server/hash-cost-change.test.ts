import { describe, expect, it } from 'vitest';
import type { DeviceIdentity } from '../../protocol';
import { openDatabase } from '../../server/db/open-database';
import { databaseVariants, type TestDatabase } from '../support/databases';
import { newRegistration, PASSWORD, pc } from '../support/fixtures';
import { request } from '../support/http';
import { startTestHost } from '../support/test-host';
import { useTestDatabase } from '../support/use-test-host';

const variants = await databaseVariants('hash-cost-change.test');
const OLD_COST = { PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' };
// Clearly dearer than the old cost (tens of ms against about one).
const NEW_COST = { PASSWORD_HASH_MEMORY_KIB: '16384', PASSWORD_HASH_TIME_COST: '4', LOOKUP_MAX_FAILURES: '1000', LOG_LEVEL: 'warn' };

/** Every stored password hash, read over a connection of the test's own. */
async function storedHashes(database: TestDatabase): Promise<string[]> {
  const target = database.kind === 'sqlite' ? { dialect: 'sqlite' as const, file: database.url.slice('sqlite:'.length) } : { dialect: 'postgres' as const, url: database.url };
  const { db } = openDatabase(target, { pgPoolSize: 1 });
  try {
    return (await db.selectFrom('registrations').select('password_hash').orderBy('created_at').execute()).map((row) => row.password_hash);
  } finally {
    await db.destroy();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

describe.each(variants)('after the hash cost changes on $kind', (variant) => {
  const suite = useTestDatabase(variant);

  it('an unknown device takes the time of the stored hashes it imitates, and a sign-in rehashes at the new cost', async () => {
    const devices: DeviceIdentity[] = [pc(), pc()];
    const before = await startTestHost(suite.database, OLD_COST);
    try {
      for (const device of devices) expect((await request(before.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device }) })).status).toBe(201);
    } finally {
      await before.close();
    }
    const host = await startTestHost(suite.database, NEW_COST);
    try {
      const lookup = async (device: DeviceIdentity, password: string) => {
        const started = performance.now();
        const response = await request(host.url, 'POST', '/api/v1/registrations/lookup', { body: { device, password } });
        return { status: response.status, ms: performance.now() - started };
      };
      await lookup(pc(), PASSWORD); // warm-up
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 15; i += 1) {
        const a = await lookup(devices[0] ?? pc(), 'not the password');
        const b = await lookup(pc(), PASSWORD);
        expect([a.status, b.status]).toEqual([401, 401]);
        known.push(a.ms);
        unknown.push(b.ms);
      }
      // Before the fix the unknown device paid the new cost (many times the old one).
      expect(median(unknown) / median(known)).toBeLessThan(2);

      expect((await lookup(devices[1] ?? pc(), PASSWORD)).status).toBe(200);
      const [untouched, rehashed] = await storedHashes(suite.database);
      expect(untouched).toMatch(/[$,]m=1024[,$]/);
      expect(rehashed).toMatch(/[$,]m=16384[,$]/);
      expect(rehashed).toMatch(/[$,]t=4[,$]/);
      expect((await lookup(devices[1] ?? pc(), PASSWORD)).status).toBe(200);
    } finally {
      await host.close();
    }
  }, 60_000);
});
