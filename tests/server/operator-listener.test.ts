import { Validator } from '@seriousme/openapi-schema-validator';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../server/start-host';
import { databaseVariants } from '../support/databases';
import { newRegistration } from '../support/fixtures';
import { request } from '../support/http';
import { createTestToken, tokensOfEveryRole } from '../support/operator-tokens';
import { TEST_HOST_ENV } from '../support/test-host';
import { openTestStore } from '../support/stored-rows';
import { useTestDatabase } from '../support/use-test-host';
import type { OperatorRole } from '../../server/services/operator-roles';

const variants = await databaseVariants('operator-listener.test');

describe.each(variants)('operator listener on $kind', (variant) => {
  const suite = useTestDatabase(variant);
  let host: RunningHost;
  const logs: string[] = [];
  let tokens: Record<OperatorRole, string>;

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs.push(...chunk.toString().split('\n').filter(Boolean));
        callback();
      },
    });
    host = await startHost({
      port: 0,
      operatorPort: 0,
      host: '127.0.0.1',
      databaseUrl: suite.database.url,
      dataDir: suite.database.dataDir,
      env: { ...TEST_HOST_ENV, METRICS_REFRESH_SECONDS: '1' },
      logStream,
      consoleDir: '/nonexistent-console',
    });
    tokens = await tokensOfEveryRole(suite.database);
  });
  afterAll(async () => {
    await host.close();
  });

  it('listens on a second port and logs one line per listener naming its address', () => {
    expect(host.operatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.operatorUrl).not.toBe(host.url);
    const messages = logs.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain(`registration host listening on ${host.url}`);
    expect(messages).toContain(`operator listener listening on ${host.operatorUrl}`);
  });

  it('answers 404 NOT_FOUND on the customer listener for /operator… and /metrics', async () => {
    for (const path of ['/operator/api/v1/me', '/operator', '/metrics']) {
      const response = await request<{ error: { code: string } }>(host.url, 'GET', path, { token: tokens.admin });
      expect(response.status, path).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('answers /me for a token of each role', async () => {
    for (const role of ['viewer', 'support', 'admin'] as const) {
      const me = await request<{ name: string; role: string; via: string }>(host.operatorUrl, 'GET', '/operator/api/v1/me', { token: tokens[role] });
      expect(me.status).toBe(200);
      expect(me.body.role).toBe(role);
      expect(me.body.via).toBe('token');
      expect(me.body.name).toMatch(new RegExp(`^test-${role}-`));
      expect(me.body).not.toHaveProperty('csrfToken');
    }
  });

  it('refuses missing, malformed, unknown and expired credentials with 401 UNAUTHENTICATED', async () => {
    const expired = await createTestToken(suite.database, 'admin', `expired-${variant.kind}`, 1);
    const db = openTestStore(suite.database);
    await db.updateTable('operator_tokens').set({ expires_at: Date.now() - 1 }).where('name', '=', `expired-${variant.kind}`).execute();
    await db.destroy();
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Basic abc' },
      { authorization: `Bearer ${tokens.admin}x` },
      { authorization: `Bearer ${expired}` },
      { cookie: 'operator_session=forged' },
    ];
    for (const headers of attempts) {
      const response = await request<{ error: { code: string } }>(host.operatorUrl, 'GET', '/operator/api/v1/me', { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('serves /metrics only with a bearer token; its device gauge is re-counted on a timer', async () => {
    expect((await request(host.operatorUrl, 'GET', '/metrics')).status).toBe(401);
    await request(host.url, 'POST', '/api/v1/registrations', { body: newRegistration() });
    await request(host.url, 'POST', '/api/v1/registrations', { body: { ...newRegistration(), consent: { privacyPolicyVersion: 'x' } } });
    // The gauge is re-counted on its timer (1 s here), never by the scrape.
    let metrics = await request(host.operatorUrl, 'GET', '/metrics', { token: tokens.viewer });
    for (let i = 0; i < 50 && !/registered_devices\{kind="pc"\} [1-9]/.test(metrics.text); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      metrics = await request(host.operatorUrl, 'GET', '/metrics', { token: tokens.viewer });
    }
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toMatch(/registrations_total\{[^}]*outcome="created"[^}]*\} \d+/);
    expect(metrics.text).toMatch(/registrations_total\{[^}]*outcome="consent_required"[^}]*\} \d+/);
    expect(metrics.text).toContain('route="/api/v1/registrations"');
    expect(metrics.text).toMatch(/registered_devices\{kind="pc"\} [1-9]/);

  });

  it('scrapes without running any query but the token check (a host that would only re-count hourly)', async () => {
    const seen: string[] = [];
    const quiet = await startHost({ port: 0, operatorPort: 0, databaseUrl: suite.database.url, dataDir: suite.database.dataDir, env: { ...TEST_HOST_ENV, LOG_LEVEL: 'silent', METRICS_REFRESH_SECONDS: '3600' }, onQuery: (sql) => seen.push(sql) });
    try {
      seen.length = 0;
      for (let i = 0; i < 5; i += 1) {
        const metrics = await request(quiet.operatorUrl, 'GET', '/metrics', { token: tokens.support });
        expect(metrics.status).toBe(200);
        expect(metrics.text).toMatch(/registered_devices\{kind="pc"\} [1-9]/);
      }
      expect(seen).toHaveLength(5);
      expect(seen.every((sql) => /from "operator_tokens"/.test(sql))).toBe(true);
      expect(seen.filter((sql) => /count\(/i.test(sql))).toEqual([]);
    } finally {
      await quiet.close();
    }
  });

  it('serves a page saying how to build the console at / when it is not built, under a strict CSP', async () => {
    const page = await request(host.operatorUrl, 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('npm run build');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await request(host.operatorUrl, 'GET', '/operator/api/v1/nothing-here', { token: tokens.admin })).status).toBe(404);
  });

  it('describes itself at /operator/api/v1/openapi.json, a valid OpenAPI 3.1 document', async () => {
    const response = await request<{ openapi: string; paths: Record<string, unknown> }>(host.operatorUrl, 'GET', '/operator/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/me', '/registrations', '/registrations/{registrationNumber}', '/devices/{deviceId}/release', '/audit', '/exports/registrations.csv', '/manifests'].map((path) => `/operator/api/v1${path}`)));
  });

  it('says whether OpenID Connect sign-in is configured', async () => {
    const status = await request<{ oidcConfigured: boolean }>(host.operatorUrl, 'GET', '/auth/status');
    expect(status.status).toBe(200);
    expect(status.body).toEqual({ oidcConfigured: false });
  });
});
