import { describe, expect, it } from 'vitest';
import { postgresVariantOnly, withAdminClient } from '../support/databases';
import { request, type ErrorResponse } from '../support/http';
import { useTestHost } from '../support/use-test-host';

// Only PostgreSQL can lose its database under a running host; an open SQLite file cannot go away.
const variants = await postgresVariantOnly('readiness.test');
if (variants.length === 0) it.skip('needs PostgreSQL (skipped: see the note printed above)', () => undefined);

describe.each(variants)('GET /readyz when the database is gone ($kind)', (variant) => {
  const suite = useTestHost(variant);

  it('answers 503 SERVICE_UNAVAILABLE while /healthz stays 200', async () => {
    expect((await request(suite.host.url, 'GET', '/readyz')).status).toBe(200);
    const name = new URL(suite.database.url).pathname.slice(1);
    await withAdminClient((client) => client.query(`drop database ${name} with (force)`));
    const ready = await request<ErrorResponse>(suite.host.url, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect((await request(suite.host.url, 'GET', '/healthz')).status).toBe(200);
  });
});
