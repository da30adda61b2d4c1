import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresVariantOnly, withAdminClient, type TestDatabase } from '../support/databases';
import { request, type ErrorResponse } from '../support/http';
import { startTestHost, type TestHost } from '../support/test-host';

// Only PostgreSQL can lose its database under a running host; an open SQLite file cannot go away.
const variants = await postgresVariantOnly('readiness.test');
if (variants.length === 0) it.skip('needs PostgreSQL (skipped: see the note printed above)', () => undefined);

describe.each(variants)('GET /readyz when the database is gone ($kind)', (variant) => {
  let database: TestDatabase;
  let host: TestHost;

  beforeAll(async () => {
    database = await variant.create();
    host = await startTestHost(database);
  });
  afterAll(async () => {
    await host.close();
    await database.dispose();
  });

  it('answers 503 SERVICE_UNAVAILABLE while /healthz stays 200', async () => {
    expect((await request(host.url, 'GET', '/readyz')).status).toBe(200);
    const name = new URL(database.url).pathname.slice(1);
    await withAdminClient((client) => client.query(`drop database ${name} with (force)`));
    const ready = await request<ErrorResponse>(host.url, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect((await request(host.url, 'GET', '/healthz')).status).toBe(200);
  });
});
