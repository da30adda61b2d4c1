import { describe, expect, it } from 'vitest';
import { databaseVariants } from '../support/databases';
import { newRegistration, pc, printer } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { storedRowCounts } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('request-bodies.test');

describe.each(variants)('request bodies on $kind', (variant) => {
  const suite = useTestHost(variant);
  const post = (path: string, raw: string | Uint8Array, contentType?: string) =>
    request<ErrorResponse>(suite.host.url, 'POST', path, { raw, headers: contentType === undefined ? {} : { 'content-type': contentType } });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not application/json, and stores nothing', async () => {
    const before = await storedRowCounts(suite.database);
    for (const contentType of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', undefined]) {
      for (const path of ['/api/v1/registrations', '/api/v1/registrations/sealed', '/api/v1/registrations/lookup']) {
        const response = await post(path, JSON.stringify(newRegistration()), contentType);
        expect(response.status, `${path} ${contentType}`).toBe(415);
        expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    }
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });

  it('accepts application/json with parameters and in any case', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset="UTF-8"']) {
      expect((await post('/api/v1/registrations', JSON.stringify(newRegistration()), contentType)).status, contentType).toBe(201);
    }
  });

  it('answers 400 BAD_REQUEST for a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const before = await storedRowCounts(suite.database);
    const text = JSON.stringify(newRegistration());
    const [head, tail] = text.split('山田');
    for (const bad of [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xe5, 0xb1]]) {
      const raw = Buffer.concat([Buffer.from(head ?? ''), Buffer.from(bad), Buffer.from(tail ?? '')]);
      const response = await post('/api/v1/registrations', raw, 'application/json');
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });

  it('treats a requestId in upper case as the same id: a replay, not a conflict', async () => {
    const body = newRegistration({ device: pc() });
    const first = await request<{ registrationNumber: string }>(suite.host.url, 'POST', '/api/v1/registrations', { body });
    expect(first.status).toBe(201);
    const upper = await request<{ registrationNumber: string }>(suite.host.url, 'POST', '/api/v1/registrations', { body: { ...body, requestId: body.requestId.toUpperCase() } });
    expect(upper.status).toBe(201);
    expect(upper.body.registrationNumber).toBe(first.body.registrationNumber);

    const mixed = newRegistration({ device: printer() });
    const mixedId = mixed.requestId.replace(/[a-f]/g, (letter) => letter.toUpperCase());
    const created = await request<{ registrationNumber: string }>(suite.host.url, 'POST', '/api/v1/registrations', { body: { ...mixed, requestId: mixedId } });
    const lower = await request<{ registrationNumber: string }>(suite.host.url, 'POST', '/api/v1/registrations', { body: { ...mixed, requestId: mixedId.toLowerCase() } });
    expect([created.status, lower.status]).toEqual([201, 201]);
    expect(lower.body.registrationNumber).toBe(created.body.registrationNumber);
    const other = await request<ErrorResponse>(suite.host.url, 'POST', '/api/v1/registrations', { body: { ...newRegistration(), requestId: mixedId.toUpperCase() } });
    expect(other.body.error.code).toBe('REQUEST_ID_CONFLICT');
  });
});
