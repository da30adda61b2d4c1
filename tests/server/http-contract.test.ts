import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { formSettingsSchema } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { newRegistration } from '../support/fixtures';
import { request, type ErrorResponse } from '../support/http';
import { storedRowCounts } from '../support/stored-rows';
import { useTestHost } from '../support/use-test-host';

const variants = await databaseVariants('http-contract.test');

describe.each(variants)('HTTP contract on $kind', (variant) => {
  const suite = useTestHost(variant);
  const post = (path: string, raw: string | Uint8Array, contentType = 'application/json') =>
    request<ErrorResponse>(suite.host.url, 'POST', path, { raw, headers: { 'content-type': contentType } });

  it('serves GET /api/v1/form as API.md says', async () => {
    const response = await request(suite.host.url, 'GET', '/api/v1/form');
    expect(response.status).toBe(200);
    const form = formSettingsSchema.parse(response.body);
    expect(form.deviceKinds).toContain('modem');
    expect(form.fields.nameKana).toBe('optional');
    expect(form.passwordPolicy.minLength).toBe(8);
  });

  it('serves /healthz and /readyz', async () => {
    expect((await request(suite.host.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(suite.host.url, 'GET', '/readyz');
    expect(ready.status).toBe(200);
  });

  it.each([
    ['/api/v1/registrations'],
    ['/api/v1/registrations/sealed'],
    ['/api/v1/registrations/lookup'],
  ])('answers 400 BAD_REQUEST on %s for non-JSON, non-object JSON and no body', async (path) => {
    for (const raw of ['{"requestId":', 'hello', '[1,2]', '"text"', '42', 'null', '']) {
      const response = await post(path, raw);
      expect(response.status, raw).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    expect((await post(path, JSON.stringify(newRegistration()), 'text/plain')).status).not.toBe(500);
    expect((await post(path, Buffer.from([0xff, 0xfe, 0x00]))).status).toBe(400);
  });

  it('answers 400 for JSON nested absurdly deep inside an otherwise valid body (not a stack overflow)', async () => {
    const before = await storedRowCounts(suite.database);
    const deep = JSON.stringify({ ...newRegistration(), extra: 'X' }).replace('"X"', `${'['.repeat(30_000)}${']'.repeat(30_000)}`);
    const response = await post('/api/v1/registrations', deep);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
    const sealedDeep = await post('/api/v1/registrations/sealed', `{"sealed":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect(sealedDeep.status).toBe(400);
    expect(await storedRowCounts(suite.database)).toEqual(before);
  });

  it('answers malformed HTTP and oversized headers with the error shape, as 400', async () => {
    const huge = await request<ErrorResponse>(suite.host.url, 'GET', '/api/v1/form', { headers: { 'x-filler': 'x'.repeat(20_000) } });
    expect(huge.status).toBe(400);
    expect(huge.body.error.code).toBe('BAD_REQUEST');
    const { port } = new URL(suite.host.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GARBAGE / HTTP/9.9\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('"code":"BAD_REQUEST"');
    const badPath = await request<ErrorResponse>(suite.host.url, 'PATCH', '/api/v1/registrations/%E0%A4%A', { body: {} });
    expect(badPath.status).toBeLessThan(500);
  });

  it('answers 413 PAYLOAD_TOO_LARGE over 64 KiB and stores nothing', async () => {
    const before = await storedRowCounts(suite.database);
    const body = newRegistration();
    const large = JSON.stringify({ ...body, padding: 'x'.repeat(65 * 1024) });
    const response = await post('/api/v1/registrations', large);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedRowCounts(suite.database)).toEqual(before);
    const justUnder = JSON.stringify({ ...body, customer: { ...body.customer, address: 'y'.repeat(60 * 1024) } });
    expect((await post('/api/v1/registrations', justUnder)).status).toBe(422);
  });

  it('answers 404 NOT_FOUND for unknown routes, whatever the method or body', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/api/v2/form'],
      ['POST', '/api/v1/unknown'],
      ['DELETE', '/api/v1/registrations/ABCD-EFGH-JKMN/devices/1'],
      ['GET', '/%E0%A4%A'],
    ] as const) {
      const response = await request<ErrorResponse>(suite.host.url, method, path, method === 'GET' ? {} : { raw: '{bad' });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('answers 405 METHOD_NOT_ALLOWED with Allow on known routes', async () => {
    for (const [method, path, allow] of [
      ['POST', '/api/v1/form', 'GET'],
      ['GET', '/api/v1/registrations', 'POST'],
      ['DELETE', '/api/v1/registrations/sealed', 'POST'],
      ['GET', '/api/v1/registrations/lookup', 'POST'],
      ['GET', '/api/v1/registrations/ABCD-EFGH-JKMN', 'PATCH'],
      ['PUT', '/api/v1/registrations/ABCD-EFGH-JKMN/devices', 'POST'],
      ['POST', '/healthz', 'GET'],
      ['PUT', '/openapi.json', 'GET'],
    ] as const) {
      const response = await request<ErrorResponse>(suite.host.url, method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.body.error.code).toBe('METHOD_NOT_ALLOWED');
      expect(response.headers.get('allow')).toContain(allow);
    }
  });

  it('sets helmet security headers and a request id', async () => {
    const response = await request(suite.host.url, 'GET', '/api/v1/form');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBeTruthy();
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe.each(variants)('per-IP rate limit on $kind', (variant) => {
  const suite = useTestHost(variant, { RATE_LIMIT_PER_MINUTE: '5' });

  it('answers 429 TOO_MANY_REQUESTS with Retry-After in whole seconds, health checks exempt', async () => {
    for (let i = 0; i < 5; i += 1) expect((await request(suite.host.url, 'GET', '/api/v1/form')).status).toBe(200);
    const limited = await request<ErrorResponse>(suite.host.url, 'GET', '/api/v1/form');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await request(suite.host.url, 'POST', '/api/v1/registrations', { body: newRegistration() })).status).toBe(429);
    expect((await request(suite.host.url, 'GET', '/healthz')).status).toBe(200);
  });
});
