import crypto from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationCreated } from '../../protocol';
import { databaseVariants } from '../support/databases';
import { mountedRoutes } from '../support/express-routes';
import { customer, newRegistration, pc, printer } from '../support/fixtures';
import { request, type TestResponse } from '../support/http';
import { tokensOfEveryRole } from '../support/operator-tokens';
import { startTestHost, type TestHost } from '../support/test-host';
import { useTestDatabase } from '../support/use-test-host';
import type { OperatorRole } from '../../server/services/operator-roles';

const variants = await databaseVariants('operator-openapi.test');
const API = '/operator/api/v1';

type Json = Record<string, unknown>;
interface Operation {
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
}
type OperatorDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** The documented path template a concrete path matches (`/registrations/ABC` → `/registrations/{number}`). */
function templateOf(document: OperatorDocument, path: string): string | undefined {
  const bare = path.split('?')[0] ?? path;
  return Object.keys(document.paths).find((template) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`).test(bare));
}

describe.each(variants)('operator OpenAPI document on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  let host: TestHost;
  let app: Express | undefined;
  let document: OperatorDocument;
  let tokens: Record<OperatorRole, string>;
  // zod writes a pattern beside every format it emits (date-time, email), so ajv checks those without a format plugin.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

  beforeAll(async () => {
    host = await startTestHost(suite.database, { FIELD_POLICIES: 'email=optional' }, 0, { onOperatorApp: (built) => (app = built) });
    tokens = await tokensOfEveryRole(suite.database);
    document = (await request<OperatorDocument>(host.operatorUrl, 'GET', `${API}/openapi.json`)).body;
  });
  afterAll(async () => {
    await host.close();
  });

  it('is valid OpenAPI 3.1, self-contained, and lists exactly the routes the operator app mounts (manifests included)', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(JSON.stringify(document)).not.toContain('"$ref"');
    if (app === undefined) throw new Error('the host did not hand over its operator app');
    const mounted = mountedRoutes(app).map((route) => `${route.method.toUpperCase()} ${route.path}`);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(mounted).toContain(`POST ${API}/manifests`);
    expect([...new Set(mounted)].sort()).toEqual(documented.filter((entry) => entry !== 'GET /').sort());
    // The console is static middleware, not a route: its documented GET / answers HTML.
    const consolePage = await request(host.operatorUrl, 'GET', '/');
    expect(consolePage.status).toBe(200);
    expect(consolePage.headers.get('content-type')).toContain('text/html');
  });

  it('describes every real answer: each documented operation was called and its body validates against the documented schema', async () => {
    const tag = crypto.randomBytes(3).toString('hex');
    const registered: RegistrationCreated[] = [];
    for (const body of [newRegistration({ device: pc(), customer: customer({ email: `doc.${tag}@example.jp` }) }), newRegistration({ device: printer(), customer: customer({ email: undefined }) })]) {
      const created = await request<RegistrationCreated>(host.url, 'POST', '/api/v1/registrations', { body });
      expect(created.status).toBe(201);
      registered.push(created.body);
    }
    const [first, second] = registered;
    if (first === undefined || second === undefined) throw new Error('seeding failed');
    const firstDevice = (await request<{ devices: Array<{ id: string }> }>(host.operatorUrl, 'GET', `${API}/registrations/${first.registrationNumber}`, { token: tokens.support })).body.devices[0];
    expect((await request(host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device: { ...pc(), serial: 'DUP' + tag } }) })).status).toBe(201);
    const secondDetail = (await request<{ devices: Array<{ id: string; serial: string | null; kind: string; vendor: string }> }>(host.operatorUrl, 'GET', `${API}/registrations/${second.registrationNumber}`, { token: tokens.support })).body;
    const printerSerial = secondDetail.devices[0]?.serial ?? '';
    const printerDevice = { ...printer(), serial: printerSerial };
    expect((await request(host.url, 'POST', '/api/v1/registrations', { body: newRegistration({ device: printerDevice }) })).status).toBe(409);
    const transfer = await request<{ transferId: string }>(host.url, 'POST', '/api/v1/transfers', { body: { device: printerDevice } });
    expect(transfer.status).toBe(202);

    const covered = new Set<string>();
    const check = async (role: OperatorRole | null, method: string, path: string, expected: number, options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<TestResponse<Json>> => {
      const template = templateOf(document, path);
      expect(template, `${method} ${path} is documented`).toBeDefined();
      const operation = document.paths[template ?? '']?.[method.toLowerCase()];
      expect(operation, `${method} ${template}`).toBeDefined();
      if (options.body !== undefined && expected < 300) {
        const requestSchema = operation?.requestBody?.content['application/json']?.schema;
        expect(requestSchema, `${method} ${template} documents its body`).toBeDefined();
        expect(ajv.validate(requestSchema ?? {}, options.body), `${method} ${template} request ${ajv.errorsText()}`).toBe(true);
      }
      const response = await request<Json>(host.operatorUrl, method, path, { ...options, ...(role !== null ? { token: tokens[role] } : {}) });
      expect(response.status, `${method} ${path} as ${role ?? 'nobody'}: ${response.text.slice(0, 300)}`).toBe(expected);
      const documented = operation?.responses[String(expected)];
      expect(documented, `${method} ${template} documents ${expected}`).toBeDefined();
      const mediaType = (response.headers.get('content-type') ?? '').split(';')[0] ?? '';
      const content = documented?.content;
      if (content === undefined) {
        expect(response.text, `${method} ${template} ${expected} has no body`).toBe('');
      } else {
        const key = Object.keys(content).find((candidate) => candidate.split(';')[0] === mediaType);
        expect(key, `${method} ${template} ${expected} documents ${mediaType}`).toBeDefined();
        const schema = content[key ?? '']?.schema ?? {};
        const value = mediaType === 'application/json' ? response.body : response.text;
        expect(ajv.validate(schema, value), `${method} ${template} ${expected}: ${ajv.errorsText()} in ${response.text.slice(0, 300)}`).toBe(true);
      }
      covered.add(`${method.toUpperCase()} ${template}`);
      return response;
    };

    await check('viewer', 'GET', `${API}/me`, 200);
    await check(null, 'GET', `${API}/me`, 401);
    await check('viewer', 'GET', `${API}/stats`, 200);
    for (const role of ['viewer', 'support'] as const) {
      await check(role, 'GET', `${API}/registrations?q=${encodeURIComponent(first.device.serial ?? '')}`, 200);
      await check(role, 'GET', `${API}/registrations/${first.registrationNumber.toLowerCase()}`, 200);
    }
    const page = await check('support', 'GET', `${API}/registrations?limit=1`, 200);
    expect(typeof page.body.nextCursor).toBe('string');
    await check('support', 'GET', `${API}/registrations?limit=1&cursor=${String(page.body.nextCursor)}`, 200);
    await check('support', 'GET', `${API}/registrations?limit=0`, 422);
    await check('support', 'GET', `${API}/registrations/ZZZZ-ZZZZ-ZZZZ`, 404);
    await check('support', 'PATCH', `${API}/registrations/${first.registrationNumber}`, 200, { body: { customer: { address: `東京都港区芝公園4-2-8 ${tag}` }, reason: 'customer moved' } });
    await check('support', 'PATCH', `${API}/registrations/${first.registrationNumber}`, 422, { body: { customer: { address: 'x' }, reason: 'customer moved', extra: true } });
    await check('viewer', 'PATCH', `${API}/registrations/${first.registrationNumber}`, 403, { body: { customer: {}, reason: 'not allowed' } });
    await check('support', 'POST', `${API}/devices/${firstDevice?.id ?? ''}/release`, 200, { body: { reason: 'sold the PC' } });
    await check('support', 'POST', `${API}/devices/${firstDevice?.id ?? ''}/release`, 409, { body: { reason: 'sold the PC' } });
    await check('support', 'GET', `${API}/refusals`, 200);
    await check('viewer', 'GET', `${API}/refusals`, 403);
    const queue = await check('support', 'GET', `${API}/transfers?status=pending&limit=10`, 200);
    expect(JSON.stringify(queue.body)).toContain(transfer.body.transferId);
    await check('support', 'POST', `${API}/transfers/${transfer.body.transferId}/decision`, 200, { body: { decision: 'decline', reason: 'owner still uses it' } });
    await check('support', 'POST', `${API}/transfers/${transfer.body.transferId}/decision`, 409, { body: { decision: 'approve', reason: 'second thoughts' } });
    await check('support', 'GET', `${API}/transfers?status=declined`, 200);
    await check('support', 'GET', `${API}/audit?limit=5`, 200);
    await check('support', 'GET', `${API}/audit?limit=5`, 200, { headers: { accept: 'text/csv' } });
    await check('support', 'GET', `${API}/audit?from=yesterday`, 422);
    await check('viewer', 'GET', `${API}/exports/registrations.csv`, 200);
    await check('support', 'GET', `${API}/exports/registrations.csv?kind=pc`, 200);
    const manifest = `kind,vendor,model,serial,hardwareUuid\npc,LENOVO,ThinkPad T14,PFDOC${tag},\npc,LENOVO,ThinkPad T14,To Be Filled By O.E.M.,\n`;
    const imported = await check('admin', 'POST', `${API}/manifests`, 200, { raw: manifest, headers: { 'content-type': 'text/csv' } });
    expect(imported.body).toMatchObject({ rows: 2, added: 1, rejected: 1 });
    await check('admin', 'POST', `${API}/manifests`, 422, { raw: 'serial\nX\n', headers: { 'content-type': 'text/csv' } });
    await check('support', 'POST', `${API}/manifests`, 403, { raw: manifest, headers: { 'content-type': 'text/csv' } });
    await check(null, 'GET', `${API}/openapi.json`, 200);
    await check('viewer', 'GET', '/metrics', 200);
    await check(null, 'GET', '/metrics', 401);
    await check(null, 'GET', '/auth/status', 200);
    await check(null, 'GET', '/auth/login', 404);
    await check(null, 'GET', '/auth/callback?code=x&state=y', 404);
    await check('viewer', 'POST', '/auth/logout', 204);
    await check(null, 'POST', '/auth/logout', 401);
    await check(null, 'GET', '/', 200);

    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect([...covered].sort()).toEqual(documented.sort());
  });
});
