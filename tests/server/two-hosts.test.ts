import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupResponse } from '../../protocol';
import { postgresVariantOnly } from '../support/databases';
import { newRegistration, PASSWORD, pc } from '../support/fixtures';
import { request } from '../support/http';
import { spawnHost, type HostProcess } from '../support/host-process';
import { storedRowCounts } from '../support/stored-rows';
import { TEST_HOST_ENV } from '../support/test-host';
import { useTestHost } from '../support/use-test-host';

const variants = await postgresVariantOnly('two-hosts.test');
if (variants.length === 0) it.skip('needs PostgreSQL (skipped: see the note printed above)', () => undefined);

describe.each(variants)('two host processes sharing $kind', (variant) => {
  const inProcess = useTestHost(variant, { LOOKUP_LOCKOUT_WINDOW_SECONDS: '60' });
  let child: HostProcess;

  beforeAll(async () => {
    // Same database and data folder (so the same keys), another process.
    child = await spawnHost({ ...TEST_HOST_ENV, PORT: '0', DATABASE_URL: inProcess.database.url, DATA_DIR: inProcess.database.dataDir, LOOKUP_LOCKOUT_WINDOW_SECONDS: '60' });
  });
  afterAll(async () => {
    child.child.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });

  it('gives 50 concurrent registrations of one device, split over both, one 201 and 49 409s', async () => {
    const device = pc();
    const before = await storedRowCounts(inProcess.database);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => request(i % 2 === 0 ? inProcess.host.url : child.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device }) })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect((await storedRowCounts(inProcess.database)).registrations - before.registrations).toBe(1);
  });

  it('replays one request id sent to both hosts at once', async () => {
    const body = newRegistration();
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => request<{ registrationNumber: string }>(i % 2 ? child.url : inProcess.host.url, 'POST', '/api/v1/registrations', { body })));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 10 }, () => 201));
    expect(new Set(responses.map((response) => response.body.registrationNumber)).size).toBe(1);
  });

  it('accepts each other’s tokens and shares the lookup lockout', async () => {
    const body = newRegistration();
    await request(inProcess.host.url, 'POST', '/api/v1/registrations', { body });
    const found = await request<LookupResponse>(inProcess.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device: body.device, password: PASSWORD } });
    const patched = await request(child.url, 'PATCH', `/api/v1/registrations/${found.body.registrationNumber}`, { body: { customer: body.customer }, token: found.body.accessToken });
    expect(patched.status).toBe(200);
    for (let i = 0; i < 5; i += 1) {
      expect((await request(i % 2 ? child.url : inProcess.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device: body.device, password: 'wrong wrong' } })).status).toBe(401);
    }
    expect((await request(child.url, 'POST', '/api/v1/registrations/lookup', { body: { device: body.device, password: PASSWORD } })).status).toBe(429);
  });
});
