import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseVariants, withAdminClient, type TestDatabase } from '../support/databases';
import { newRegistration, PASSWORD, pc } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('store-unavailable.test');

/** Makes the store refuse the host (PostgreSQL: no connections allowed, existing ones ended; SQLite: another writer holds the lock); returns how to undo it. */
async function takeStoreAway(database: TestDatabase): Promise<() => Promise<void>> {
  if (database.kind === 'sqlite') {
    const other = new SqliteDatabase(database.url.slice('sqlite:'.length));
    other.exec('begin exclusive');
    return () => {
      other.exec('rollback');
      other.close();
      return Promise.resolve();
    };
  }
  const name = new URL(database.url).pathname.slice(1);
  await withAdminClient(async (client) => {
    await client.query(`alter database ${name} allow_connections false`);
    await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
  });
  return async () => {
    await withAdminClient((client) => client.query(`alter database ${name} allow_connections true`));
  };
}

describe.each(variants)('the store unavailable on $kind', (variant) => {
  const suite = useTestHost(variant, { LOG_LEVEL: 'warn' });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After to registrations and lookups, then recovers by itself', async () => {
    const device = pc();
    expect((await request(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device }) })).status).toBe(201);
    const restore = await takeStoreAway(suite.database);
    try {
      const registration = await request<ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration() });
      expect(registration.status).toBe(503);
      expect(registration.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(registration.headers.get('retry-after'))).toBeGreaterThan(0);
      const lookup = await request<ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device, password: PASSWORD } });
      expect(lookup.status).toBe(503);
      expect(lookup.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(Number(lookup.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await restore();
    }
    expect((await request(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration() })).status).toBe(201);
    expect((await request(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device, password: PASSWORD } })).status).toBe(200);
    expect(suite.host.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
  }, 60_000);
});
