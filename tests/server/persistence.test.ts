import { describe, expect, it } from 'vitest';
import type { FormSettings, LookupResponse, RegistrationCreated } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { newRegistration, PASSWORD } from '../support/fixtures';
import { request } from '../support/http';
import { startTestHost } from '../support/test-host';
import { useTestDatabase } from '../support/use-test-host';

const variants = await databaseVariants('persistence.test');

describe.each(variants)('restart on $kind', (variant) => {
  const suite = useTestDatabase(variant);

  it('keeps registrations, keys, tokens and request ids across a restart (migrations re-run harmlessly)', async () => {
    const first = await startTestHost(suite.database);
    const body = newRegistration();
    const created = await request<RegistrationCreated>(first.url, 'POST', '/api/v1/registrations', { body });
    const form = await request<FormSettings>(first.url, 'GET', '/api/v1/form');
    const found = await request<LookupResponse>(first.url, 'POST', '/api/v1/registrations/lookup', { body: { device: body.device, password: PASSWORD } });
    await first.close();

    const second = await startTestHost(suite.database);
    try {
      expect((await request<FormSettings>(second.url, 'GET', '/api/v1/form')).body.outboxPublicKey).toBe(form.body.outboxPublicKey);
      const replay = await request<RegistrationCreated>(second.url, 'POST', '/api/v1/registrations', { body });
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(created.body);
      expect((await request(second.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device: body.device }) })).status).toBe(409);
      const again = await request<LookupResponse>(second.url, 'POST', '/api/v1/registrations/lookup', { body: { device: body.device, password: PASSWORD } });
      expect(again.body.registrationNumber).toBe(created.body.registrationNumber);
      const patched = await request(second.url, 'PATCH', `/api/v1/registrations/${created.body.registrationNumber}`, {
        body: { customer: { ...body.customer, address: '北海道札幌市1-1' } },
        token: found.body.accessToken,
      });
      expect(patched.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('replays a 201 after a restart with a new privacy-policy version (retries never turn into refusals)', async () => {
    const first = await startTestHost(suite.database);
    const body = newRegistration();
    const created = await request<RegistrationCreated>(first.url, 'POST', '/api/v1/registrations', { body });
    expect(created.status).toBe(201);
    await first.close();
    const second = await startTestHost(suite.database, { PRIVACY_POLICY_VERSION: '2027-01' });
    try {
      const replay = await request<RegistrationCreated>(second.url, 'POST', '/api/v1/registrations', { body });
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(created.body);
      const fresh = await request<{ error: { code: string } }>(second.url, 'POST', '/api/v1/registrations', { body: newRegistration() });
      expect(fresh.body.error.code).toBe('CONSENT_REQUIRED');
    } finally {
      await second.close();
    }
  });

  it('finishes in-flight requests when closed', async () => {
    // A costly hash keeps the requests inside the host while it is asked to stop.
    const host = await startTestHost(suite.database, { PASSWORD_HASH_MEMORY_KIB: '65536', PASSWORD_HASH_TIME_COST: '4' });
    const inFlight = Array.from({ length: 3 }, () => request(host.url, 'POST', '/api/v1/registrations', { body: newRegistration() }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    const closing = host.close();
    const statuses = (await Promise.all(inFlight)).map((response) => response.status);
    await closing;
    expect(statuses).toEqual([201, 201, 201]);
    await expect(request(host.url, 'GET', '/healthz')).rejects.toThrow();
  });
});
